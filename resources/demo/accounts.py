"""Demo accounts, one per role. Created only when DEBUG is on; passwords are set fresh on every run."""

from portal.access import NETWORK_MEMBERS_GROUP

SECRETARIAT_GROUP = "Secretariat"

ACCOUNTS = [
    {
        "email": "secretariat@demo.ctpn.example",
        "role": "Secretariat (superuser)",
        "first_name": "Demo",
        "last_name": "Secretariat",
        "groups": [SECRETARIAT_GROUP, NETWORK_MEMBERS_GROUP],
        "superuser": True,
    },
    {
        "email": "editor.stockholm@demo.ctpn.example",
        "role": "City editor, Stockholm",
        "first_name": "Demo",
        "last_name": "Stockholm editor",
        "groups": [NETWORK_MEMBERS_GROUP],
        "edits": ["stockholm"],
    },
    {
        "email": "editor.barcelona@demo.ctpn.example",
        "role": "City editor, Barcelona",
        "first_name": "Demo",
        "last_name": "Barcelona editor",
        "groups": [NETWORK_MEMBERS_GROUP],
        "edits": ["barcelona"],
    },
    {
        "email": "expert@demo.ctpn.example",
        "role": "Invited expert",
        "first_name": "Demo",
        "last_name": "Expert",
        "groups": [NETWORK_MEMBERS_GROUP],
    },
    {
        "email": "member@demo.ctpn.example",
        "role": "Network member",
        "first_name": "Demo",
        "last_name": "Member",
        "groups": [NETWORK_MEMBERS_GROUP],
    },
]
