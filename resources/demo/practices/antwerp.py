"""Practices of Antwerp."""

from resources.demo.text import callout, heading, ol, p, paragraph, quote, ul

CITY = "antwerp"

PRACTICES = [
    {
        "slug": "lokale-integrale-veiligheidscel",
        "title": "De lokale integrale veiligheidscel: werking en lessen",
        "language": "nl",
        "summary": (
            "In de lokale integrale veiligheidscel bespreken de stad, de lokale politie en sociale partners "
            "personen over wie zorgen bestaan rond radicalisering. Het doel is een sociaal-preventieve aanpak "
            "op maat, los van het gerechtelijke spoor."
        ),
        "phase": "prevent",
        "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2018-10-01",
        "last_verified": "2026-02-05",
        "audiences": "Stedelijke diensten, politie, OCMW, onderwijs, jeugdwerk",
        "partners": [
            "Stad Antwerpen, dienst Integrale Veiligheid",
            "Lokale politie Antwerpen",
            "OCMW (sociale dienstverlening)",
            "Centra voor leerlingenbegeleiding",
            "Jeugdwerkorganisaties",
        ],
        "budget": "Een voorzitter en twee casusbegeleiders; deelnemende diensten leveren medewerkers voor het overleg.",
        "objectives": ul(
            "Zorgen rond radicalisering vroeg en sociaal-preventief aanpakken.",
            "Informatie delen binnen een duidelijk wettelijk kader en beroepsgeheim.",
            "Iedere persoon een begeleidingstraject op maat aanbieden.",
        ),
        "method": ol(
            "Een dienst brengt een zorg in bij de voorzitter van de veiligheidscel.",
            "In het overleg wordt besproken welke ondersteuning nodig is en wie die biedt.",
            "Een casusbegeleider volgt het traject op en rapporteert in het volgende overleg.",
            "Na afsluiting volgt een evaluatie met de betrokken diensten.",
        ),
        "outcomes": p(
            "Sinds 2018 werden meer dan 150 personen besproken. Bij de meeste trajecten ging het om hulp bij "
            "onderwijs, werk, huisvesting of psychische gezondheid. Het interne evaluatierapport wijst op een "
            "betere samenwerking tussen politie en sociale diensten.",
        ),
        "lessons": ul(
            "Een duidelijke scheiding met het gerechtelijke spoor is nodig voor het vertrouwen van partners.",
            "Het gedeeld beroepsgeheim moet goed worden uitgelegd aan nieuwe deelnemers.",
            "Geen traject zonder iemand die de persoon echt kent.",
        ),
        "transferability": p(
            "In België hebben alle gemeenten met een veiligheidscel een wettelijke basis. Andere steden kunnen "
            "de werkwijze overnemen als er een kader voor gegevensdeling is.",
        ),
        "body": [
            heading("Wat de veiligheidscel niet is"),
            paragraph(
                "De veiligheidscel is geen inlichtingendienst en geen rechtbank. Ze zoekt naar ondersteuning die "
                "mensen weghoudt van geweld. Informatie die op strafbare feiten wijst, loopt via het "
                "gerechtelijke spoor.",
            ),
            quote(
                "De jongere had vooral een stageplaats nodig en iemand die hem geloofde. Dat konden we samen regelen.",
                "Casusbegeleider",
            ),
            callout(
                "Privacy",
                "Op deze pagina staan geen persoonsgegevens. Casusbesprekingen vallen onder het gedeeld beroepsgeheim.",
            ),
        ],
        "published": "2019-12-10",
    },
    {
        "slug": "multilingual-crisis-communication",
        "title": "Crisis communication with a multilingual population",
        "summary": (
            "Antwerp prepares crisis messages in the languages its residents actually speak and distributes them "
            "through community organisations, interpreters and local media. The approach was first used during "
            "the pandemic and is now part of the city's emergency plan."
        ),
        "phase": "respond",
        "themes": ["strategic-communication", "community-resilience"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2020-03-15",
        "last_verified": "2026-07-01",
        "audiences": "City communication team, community organisations, residents",
        "partners": [
            "City communication department",
            "Integration and interpreting service",
            "Community organisations and places of worship",
            "Local radio and online media",
            "Emergency planning office",
        ],
        "budget": "One communication officer; interpreting and translation from the existing integration service.",
        "objectives": ul(
            "Reach all residents with essential instructions, whatever language they speak.",
            "Use messengers that residents trust.",
            "Prepare translations before an emergency.",
        ),
        "method": ol(
            "The most spoken languages per district are mapped yearly from service data.",
            "Core messages for common scenarios are pre-translated and checked by native speakers.",
            "A network of community contacts receives messages in their language to pass on.",
            "Messages are also shared as short audio and video, for residents who do not read well.",
        ),
        "outcomes": p(
            "Core messages exist in 14 languages. During the pandemic the network reached residents who did not "
            "follow Dutch-language media, and the approach has since been used for two local emergencies. The "
            "internal review found audio messages the most shared format.",
        ),
        "lessons": ul(
            "Pre-translated messages must be checked regularly; services and names change.",
            "Community contacts need to know that messages are official and urgent.",
            "Plain language helps native speakers too.",
        ),
        "transferability": p(
            "Any diverse city can map its languages and prepare messages. A working relation with community "
            "organisations is the part that takes time.",
        ),
        "body": [
            heading("Reaching everyone"),
            paragraph(
                "Antwerp's residents speak more than 170 languages. Crisis messages in Dutch, French and English "
                "left many people relying on rumours or foreign news.",
            ),
            quote(
                "When I forward the city's message in our language, people listen. They know I would not send "
                "something false.",
                "Community contact",
            ),
        ],
        "published": "2021-09-07",
    },
]
