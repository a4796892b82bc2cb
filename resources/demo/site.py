"""What the demo puts on the home page and in the footer."""

# References resolved by resources.demo.build.resolve: public and members-only items mixed.
FEATURED = [
    "practice:stockholm/shopping-centre-table-top-exercises",
    "research:what-cities-learn-from-exercises",
    "practice:rotterdam/structured-multi-agency-debriefs",
    "event:ctpn-annual-conference-2027",
]

FOOTER = {
    "about": (
        "The Counter Terrorism Preparedness Network (CTPN) is a network of European cities, founded in 2018, that "
        "share methods and experience to prevent and prepare for terrorism at city level. It is funded by its "
        "member cities."
    ),
    "contact_email": "secretariat@example.org",
    "host_city_note": (
        "The secretariat is hosted by Barcelona since 2025, after London (2018-2020), Stockholm (2021-2022) "
        "and Rotterdam (2023-2024)."
    ),
}

# The main navigation is left to follow the home page's sections; the footer gets links to them.
FOOTER_LINKS = [("Member cities", "cities"), ("Research", "research"), ("Events", "events")]
