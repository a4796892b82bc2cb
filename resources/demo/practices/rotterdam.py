"""Practices of Rotterdam."""

from resources.demo.text import callout, heading, ol, p, paragraph, quote, ul

CITY = "rotterdam"

PRACTICES = [
    {
        "slug": "casusoverleg-radicalisering",
        "title": "Casusoverleg radicalisering in het Zorg- en Veiligheidshuis",
        "language": "nl",
        "summary": (
            "Gemeente, politie, Openbaar Ministerie en zorgpartners bespreken signalen van radicalisering in "
            "een vast casusoverleg in het Zorg- en Veiligheidshuis. Per persoon wordt een plan van aanpak "
            "gemaakt waarin zorg, begeleiding en waar nodig veiligheidsmaatregelen samenkomen."
        ),
        "phase": "prevent",
        "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2017-06-01",
        "last_verified": "2026-03-02",
        "audiences": "Professionals in zorg, onderwijs, jeugdhulp, reclassering en politie",
        "partners": [
            "Gemeente Rotterdam, team Radicalisering en Polarisatie",
            "Politie eenheid Rotterdam",
            "Openbaar Ministerie",
            "Reclassering",
            "GGZ-instellingen",
            "Jeugdbescherming",
        ],
        "budget": "Een procesregisseur en twee casusregisseurs; partners leveren capaciteit voor het overleg.",
        "objectives": ul(
            "Signalen vroeg en in samenhang beoordelen.",
            "Per persoon één plan, met één regisseur die de voortgang bewaakt.",
            "Zorg en veiligheid in balans brengen, met oog voor privacy.",
        ),
        "method": ol(
            "Signalen komen binnen via het meldpunt van de gemeente of via partners.",
            "Een weegploeg bepaalt binnen twee weken of de casus in het overleg thuishoort.",
            "Het casusoverleg stelt een plan van aanpak op met concrete afspraken per partner.",
            "De casusregisseur volgt de uitvoering en agendeert de casus opnieuw als dat nodig is.",
            "Een casus wordt afgesloten als de zorgen zijn weggenomen, met een nazorgafspraak.",
        ),
        "outcomes": p(
            "Sinds 2017 zijn ruim 300 personen besproken. Uit de externe evaluatie bleek dat de samenwerking "
            "tussen zorg en veiligheid duidelijk is verbeterd en dat plannen vaker tot een afgeronde aanpak "
            "leiden. Verbeterpunten waren de terugkoppeling aan melders en de doorlooptijd van de weging.",
        ),
        "lessons": ul(
            "Een privacyconvenant met heldere afspraken maakt het delen van informatie mogelijk én begrensd.",
            "Melders blijven melden als ze horen wat er met hun melding is gebeurd.",
            "Veel casussen vragen vooral om zorg; veiligheidsmaatregelen zijn de uitzondering.",
        ),
        "transferability": p(
            "Steden met een Zorg- en Veiligheidshuis of een vergelijkbare structuur kunnen de aanpak overnemen. "
            "Voorwaarde is een juridische basis voor gegevensdeling en een onafhankelijke procesregie.",
        ),
        "body": [
            heading("Waarom in het Zorg- en Veiligheidshuis"),
            paragraph(
                "Het Zorg- en Veiligheidshuis bestond al voor complexe casussen op het snijvlak van zorg en "
                "veiligheid. Door radicalisering daar te bespreken, konden we gebruikmaken van bestaande "
                "afspraken en van partners die elkaar al kenden.",
            ),
            quote(
                "Het verschil is dat we nu met één plan werken. Vroeger had iedere organisatie haar eigen "
                "aanpak en wisten we niet van elkaar wat we deden.",
                "Casusregisseur",
            ),
            callout(
                "Privacy",
                "Op deze pagina staan geen gegevens over personen. Casusinformatie wordt alleen gedeeld binnen "
                "het overleg en volgens het convenant.",
            ),
        ],
        "published": "2018-10-08",
    },
    {
        "slug": "structured-multi-agency-debriefs",
        "title": "Structured multi-agency debriefs after exercises and incidents",
        "summary": (
            "Within ten working days of every major exercise or incident, all organisations involved meet for a "
            "structured debrief led by a neutral facilitator. A fixed template, a combined timeline and a "
            "strict limit on actions keep the debriefs short and the actions alive."
        ),
        "phase": "recover",
        "themes": ["training-and-exercises", "multi-agency-cooperation", "crisis-management-and-recovery"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2019-11-01",
        "last_verified": "2026-04-14",
        "audiences": "Crisis managers, exercise planners and liaison officers of all partner organisations",
        "partners": [
            "Veiligheidsregio Rotterdam-Rijnmond",
            "Municipality of Rotterdam",
            "Police unit Rotterdam",
            "Regional ambulance service",
            "Port authority",
        ],
        "budget": (
            "A pool of eight trained facilitators from different organisations; about three days of work per debrief."
        ),
        "objectives": ul(
            "Learn across organisations, not only within each one.",
            "Turn findings into a small number of actions that get done.",
            "Build a shared record of lessons that new staff can read.",
        ),
        "method": ol(
            "The facilitator collects each organisation's logs and prepares a combined timeline.",
            "In a three-hour session, participants correct the timeline and discuss what went as planned and what "
            "did not.",
            "At most eight actions are agreed, each with one owner and a date.",
            "Open actions are reviewed at the next regional meeting and again after six months.",
            "An anonymised summary is added to the regional lessons register.",
        ),
        "outcomes": p(
            "Some 60 debriefs have been held since 2019. Of the actions agreed, 78 per cent were completed within "
            "a year, compared with an estimated 40 per cent before. The lessons register is now part of the "
            "induction of new crisis staff.",
        ),
        "lessons": ul(
            "A neutral facilitator from another organisation makes people speak more freely.",
            "Ask the most junior people to speak first.",
            "Fewer actions, with owners, beat long lists.",
        ),
        "transferability": p(
            "The method needs no special tools and has been adopted in two other member cities. The template "
            "and facilitator notes are attached for network members.",
        ),
        "body": [
            heading("What was wrong with our evaluations"),
            paragraph(
                "Each organisation evaluated its own performance and wrote its own report. The reports seldom "
                "met, and problems at the seams between organisations, where most problems are, fell through.",
            ),
            quote(
                "The timeline was the eye-opener. We saw for the first time that two organisations had been "
                "waiting for each other for twenty minutes.",
                "Duty officer, safety region",
            ),
            heading("Keeping actions alive"),
            paragraph(
                "The limit of eight actions was controversial at first. It forces the group to choose, and it "
                "means the regional meeting can actually review every open action.",
            ),
            callout(
                "Key lesson",
                "A debrief is only as good as its follow-up. Put the review of open actions on a standing agenda.",
            ),
        ],
        "members_only": True,
        "attachments": [("rotterdam-debrief-template", "Debrief template and facilitator notes (PDF)")],
        "published": "2020-06-30",
    },
    {
        "slug": "weerbare-wijken-buurtnetwerken",
        "title": "Weerbare wijken: buurtnetwerken die klaarstaan na een ingrijpende gebeurtenis",
        "language": "nl",
        "summary": (
            "In zes wijken zijn netwerken opgebouwd van sleutelfiguren: buurtwerkers, imams en predikanten, "
            "sportverenigingen, ondernemers en actieve bewoners. Na een ingrijpende gebeurtenis helpen zij de "
            "gemeente om bewoners te informeren, geruchten te ontkrachten en spanningen te verminderen."
        ),
        "phase": "recover",
        "themes": ["community-resilience", "strategic-communication"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2022-03-01",
        "last_verified": "2025-11-25",
        "audiences": "Sleutelfiguren in wijken, wijkteams, gebiedscommissies",
        "partners": [
            "Gemeente Rotterdam, wijkteams",
            "Welzijnsorganisaties",
            "Religieuze organisaties",
            "Wijkagenten",
            "Ondernemersverenigingen",
        ],
        "budget": "Een netwerkcoördinator per twee wijken en een klein budget voor bijeenkomsten.",
        "objectives": ul(
            "Bewoners snel bereiken via mensen die zij vertrouwen.",
            "Spanningen tussen groepen signaleren en verminderen.",
            "Netwerken onderhouden in rustige tijden, zodat ze werken als het nodig is.",
        ),
        "method": ol(
            "Sleutelfiguren worden per wijk in kaart gebracht en persoonlijk benaderd.",
            "Twee keer per jaar is er een netwerkbijeenkomst met een actueel thema.",
            "Na een gebeurtenis krijgen sleutelfiguren binnen enkele uren informatie via een vaste groep.",
            "Ervaringen worden na elke inzet besproken en verwerkt.",
        ),
        "outcomes": p(
            "De netwerken tellen samen ruim 180 sleutelfiguren. Ze zijn vier keer ingezet, onder meer na "
            "internationale gebeurtenissen die spanningen in wijken veroorzaakten. Sleutelfiguren gaven aan dat "
            "ze bewoners sneller en beter konden informeren dan voorheen.",
        ),
        "lessons": ul(
            "Netwerken onderhouden kost meer tijd dan ze opbouwen.",
            "Sleutelfiguren willen serieus genomen worden: terugkoppeling is essentieel.",
            "Een netwerk mag geen informantennetwerk worden; dat ondermijnt het vertrouwen.",
        ),
        "transferability": p(
            "Elke stad met wijkgericht werken kan deze aanpak toepassen. Begin in wijken waar al vertrouwen "
            "bestaat tussen bewoners en gemeente.",
        ),
        "body": [
            heading("Aanleiding"),
            paragraph(
                "Na eerdere incidenten verspreidden geruchten zich sneller dan de officiële informatie. Bewoners "
                "vertrouwden vooral mensen uit hun eigen omgeving. Daar wilden we op aansluiten.",
            ),
            quote(
                "Mensen belden mij, niet de gemeente. Nu weet ik wat ik ze kan vertellen.",
                "Voorzitter van een sportvereniging",
            ),
        ],
        "published": "2023-05-16",
    },
    {
        "slug": "digitale-weerbaarheid-jongerenwerkers",
        "title": "Pilot digitale weerbaarheid voor jongerenwerkers",
        "language": "nl",
        "summary": (
            "Jongerenwerkers leren in een pilot hoe zij jongeren kunnen helpen omgaan met extremistische en "
            "polariserende content online. De pilot startte in 2026 in drie wijken en loopt een jaar."
        ),
        "phase": "prevent",
        "themes": ["online-threats", "prevention-of-radicalisation", "training-and-exercises"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2026-02-01",
        "audiences": "Jongerenwerkers, jongeren van 12 tot 18 jaar",
        "partners": [
            "Welzijnsorganisaties",
            "Gemeente Rotterdam, team Radicalisering en Polarisatie",
            "Hogeschool (opleiding sociaal werk)",
        ],
        "budget": "Projectbudget voor een jaar: trainers, materiaal en een onderzoeker van de hogeschool.",
        "objectives": ul(
            "Jongerenwerkers zelfverzekerd het gesprek over online content laten voeren.",
            "Jongeren leren kritisch kijken naar wat zij online zien.",
        ),
        "method": ol(
            "Training van vier dagdelen voor 30 jongerenwerkers.",
            "Groepsactiviteiten met jongeren over algoritmes, beeldmanipulatie en herkenning van propaganda.",
            "Intervisie met collega's en de onderzoeker.",
        ),
        "outcomes": p(
            "De pilot loopt nog. De hogeschool volgt de deelnemers en rapporteert begin 2027.",
        ),
        "lessons": ul(
            "Eerste ervaring: jongeren praten makkelijker over online content in groepsverband dan één op één.",
        ),
        "transferability": p(
            "Na de evaluatie worden het trainingsmateriaal en de bevindingen met het netwerk gedeeld.",
        ),
        "body": [
            heading("Waarom deze pilot"),
            paragraph(
                "Jongerenwerkers zien dagelijks wat jongeren bezighoudt, maar voelden zich onzeker over online "
                "content. De casusoverleggen lieten zien dat online beïnvloeding in steeds meer casussen een rol "
                "speelt.",
            ),
            callout(
                "Stand van zaken",
                "De pilot loopt tot begin 2027. Deze pagina wordt aangevuld met de resultaten.",
            ),
        ],
        "published": "2026-06-23",
    },
]
