"""Demo accounts, one per role, holding real roles (members.roles). Created only when DEBUG
is on; passwords are set fresh on every run.

The demo expert is one of the demo research's fictional authors: their profile is linked
as author of the research pages that name them, and they own those pages, so they can
edit them and submit changes to the secretariat's review.
"""

from members.choices import ProfileVisibility, Role

ACCOUNTS = [
    {
        "email": "secretariat@demo.ctpn.example",
        "first_name": "Demo",
        "last_name": "Secretariat",
        "role": Role.SECRETARIAT,
    },
    {
        "email": "coordinator.stockholm@demo.ctpn.example",
        "first_name": "Demo",
        "last_name": "Stockholm coordinator",
        "role": Role.CITY_COORDINATOR,
        "city": "stockholm",
    },
    {
        "email": "editor.stockholm@demo.ctpn.example",
        "first_name": "Demo",
        "last_name": "Stockholm editor",
        "role": Role.CITY_EDITOR,
        "city": "stockholm",
    },
    {
        "email": "editor.barcelona@demo.ctpn.example",
        "first_name": "Demo",
        "last_name": "Barcelona editor",
        "role": Role.CITY_EDITOR,
        "city": "barcelona",
    },
    {
        "email": "expert@demo.ctpn.example",
        "first_name": "Pieter",
        "last_name": "de Wolf",
        "role": Role.INVITED_EXPERT,
        "profile": {
            "display_name": "Pieter de Wolf",
            "affiliation": "Maas Institute for Safety and Security Research, Rotterdam",
            "orcid": "0000-0000-1233-6995",
            "bio": "Studies how municipalities prevent violent extremism, and the rules for sharing information.",
            "visibility": ProfileVisibility.PUBLIC,
            "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        },
        "author": "Pieter de Wolf",
    },
    {
        "email": "member@demo.ctpn.example",
        "first_name": "Demo",
        "last_name": "Member",
        "role": Role.NETWORK_MEMBER,
        "city": "stockholm",
    },
]
