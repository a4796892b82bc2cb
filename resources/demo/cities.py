"""The member cities of the demo network. Contacts are functional mailboxes at example.org."""

from .text import p

CITIES = [
    {
        "slug": "stockholm",
        "title": "Stockholm",
        "country": "SE",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "Samverkan Stockholmsregionen (SSR), the Stockholm region's collaboration",
        "regional_body_description": (
            "Some 40 organisations across the region: the 26 municipalities, Region Stockholm, the county "
            "administrative board, the police, the fire and rescue services and several government agencies, "
            "working to a shared preparedness plan."
        ),
        "description": p(
            "Stockholm takes part in CTPN through SSR, the region's collaboration on crisis preparedness. Because "
            "responsibility for preparedness is spread across many public bodies in Sweden, the region's "
            "contribution to the network is mostly about coordination: shared situational awareness, joint "
            "exercises and common routines that work across municipal borders.",
            "Stockholm hosted the network's secretariat in 2021 and 2022, when much of the exchange moved online "
            "and the network set up its working groups on exercises and victim support.",
        ),
        "contact": ("CTPN coordinator, SSR secretariat", "ctpn-stockholm@example.org"),
        "coordinates": ("59.32932", "18.06858"),
        "hosting": [("2021-01-01", "2022-12-31")],
    },
    {
        "slug": "barcelona",
        "title": "Barcelona",
        "country": "ES",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Barcelona's participation is led by the city council's security and prevention department, together "
            "with the municipal police, civil protection and social services. Its focus in the network has been "
            "on protecting crowded public spaces during the city's many street festivals and on long-term support "
            "for people affected by attacks.",
            "Barcelona has hosted the secretariat since 2025.",
        ),
        "contact": ("Security and prevention department, network desk", "ctpn-barcelona@example.org"),
        "coordinates": ("41.38879", "2.15899"),
        "hosting": [("2025-01-01", None)],
    },
    {
        "slug": "manchester",
        "title": "Manchester",
        "country": "GB",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "Greater Manchester Resilience Forum",
        "regional_body_description": (
            "The local resilience forum of the ten Greater Manchester councils, emergency services, health "
            "bodies, transport operators and utilities."
        ),
        "description": p(
            "Manchester brings to the network the experience of a city region that has had to support a large "
            "number of people affected by an attack over many years. Its practices cover protective security "
            "advice for venues, community tension monitoring and recovery coordination.",
        ),
        "contact": ("Resilience unit, CTPN liaison", "ctpn-manchester@example.org"),
        "coordinates": ("53.48076", "-2.24263"),
        "hosting": [],
    },
    {
        "slug": "london",
        "title": "London",
        "country": "GB",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "London Resilience Partnership",
        "regional_body_description": (
            "The partnership of the 33 local authorities, the emergency services, health, transport and business "
            "representatives that plans for emergencies across the capital."
        ),
        "description": p(
            "London hosted the first secretariat of the network from its founding in 2018 until 2020, and set up "
            "the way the network still works: an annual conference, thematic workshops and peer reviews between "
            "cities. London's practices come mainly from borough level, where prevention, protective security and "
            "recovery meet day-to-day council services.",
        ),
        "contact": ("Resilience team, CTPN liaison", "ctpn-london@example.org"),
        "coordinates": ("51.50735", "-0.12776"),
        "hosting": [("2018-03-01", "2020-12-31")],
    },
    {
        "slug": "paris",
        "title": "Paris",
        "country": "FR",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Paris takes part through the city's prevention and security directorate, which works with the "
            "prefecture of police, the education authorities and associations supporting victims. The city shares "
            "its experience of caring for municipal staff after attacks, of safety drills in schools and of "
            "countering disinformation during large events.",
        ),
        "contact": ("Direction de la prévention, cellule réseaux européens", "ctpn-paris@example.org"),
        "coordinates": ("48.85661", "2.35222"),
        "hosting": [],
    },
    {
        "slug": "rotterdam",
        "title": "Rotterdam",
        "country": "NL",
        "founding_member": True,
        "joined": "2018-03-01",
        "regional_body": "Veiligheidsregio Rotterdam-Rijnmond",
        "regional_body_description": (
            "The safety region of 13 municipalities around the port, bringing together fire services, medical "
            "emergency care, crisis management and the municipalities."
        ),
        "description": p(
            "Rotterdam's strength is in case-based multi-agency work: its Safety House brings municipality, "
            "police, public prosecution and care providers around one table. In the network it leads on "
            "structured debriefing and on prevention casework.",
            "Rotterdam hosted the secretariat in 2023 and 2024.",
        ),
        "contact": ("Directie Veiligheid, CTPN contact", "ctpn-rotterdam@example.org"),
        "coordinates": ("51.92442", "4.47773"),
        "hosting": [("2023-01-01", "2024-12-31")],
    },
    {
        "slug": "copenhagen",
        "title": "Copenhagen",
        "country": "DK",
        "founding_member": False,
        "joined": "2019-05-15",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Copenhagen joined the network in 2019. It brings long experience of cooperation between schools, "
            "social services and police on young people at risk, and a city planning department that reviews new "
            "public spaces for protective security early in the design.",
        ),
        "contact": ("Safety and prevention secretariat", "ctpn-copenhagen@example.org"),
        "coordinates": ("55.67610", "12.56834"),
        "hosting": [],
    },
    {
        "slug": "helsinki",
        "title": "Helsinki",
        "country": "FI",
        "founding_member": False,
        "joined": "2020-09-01",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Helsinki joined in 2020. The city's preparedness work follows the Finnish model of comprehensive "
            "security, in which businesses, organisations and residents take part in planning and exercises "
            "alongside the authorities.",
        ),
        "contact": ("Preparedness and security unit", "ctpn-helsinki@example.org"),
        "coordinates": ("60.16985", "24.93838"),
        "hosting": [],
    },
    {
        "slug": "antwerp",
        "title": "Antwerp",
        "country": "BE",
        "founding_member": False,
        "joined": "2019-01-15",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Antwerp joined in 2019. It contributes the working of its local integrated security cell, where the "
            "city, police and social partners discuss individuals of concern, and its experience of communicating "
            "with a population that speaks more than 170 languages.",
        ),
        "contact": ("Stedelijke dienst Integrale Veiligheid", "ctpn-antwerp@example.org"),
        "coordinates": ("51.21945", "4.40246"),
        "hosting": [],
    },
    {
        "slug": "oslo",
        "title": "Oslo",
        "country": "NO",
        "founding_member": False,
        "joined": "2019-02-01",
        "left": "2023-12-31",
        "regional_body": "",
        "regional_body_description": "",
        "description": p(
            "Oslo was a member from 2019 to 2023 and contributed its model for receiving relatives and next of "
            "kin after a mass-casualty incident. Its reports remain available to the network.",
        ),
        "contact": ("Beredskapsetaten (emergency management agency), former CTPN contact", "ctpn-oslo@example.org"),
        "coordinates": ("59.91386", "10.75224"),
        "hosting": [],
    },
]
