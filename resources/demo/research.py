"""Research of the demo network: fictional authors at fictional institutes.

DOIs use the prefixes kept for tests and examples (10.5555 at Crossref, 10.5072
at DataCite), so none resolves to a real work. ORCID iDs carry a valid ISO 7064
check digit but lie below the range ORCID issues, so none belongs to a real person.
"""

AFFILIATIONS = {
    "hccr": "Helsinki Centre for Crisis Research",
    "ncps": "Nordic Centre for Preparedness Studies, Stockholm",
    "its": "Institute of Trauma Studies, Pennine University",
    "iesu": "Institut d'Estudis de Seguretat Urbana, Barcelona",
    "iegc": "Institut d'études sur la gestion des crises, Lyon",
    "maas": "Maas Institute for Safety and Security Research, Rotterdam",
    "nrri": "Nordic Resilience Research Institute, Copenhagen",
    "tius": "Thames Institute for Urban Security, London",
    "cdss": "Centre for Digital Society and Security, Brussels",
    "iisu": "Instituto de Investigación en Seguridad Urbana, Madrid",
    "shof": "Centrum för samhällssäkerhet, Stockholms högskola för offentlig förvaltning",
    "nu": "School of Media and Communication, Northgate University",
    "eiur": "European Institute for Urban Recovery, Bologna",
    "independent": "Independent researcher",
}

RESEARCH = [
    {
        "slug": "what-cities-learn-from-exercises",
        "title": "What cities learn from exercises: following up 118 actions in seven European cities",
        "authors": [
            ("Aino Lehtonen", AFFILIATIONS["hccr"], "0000-0000-8206-8412"),
            ("Jonas Wikström", AFFILIATIONS["ncps"], ""),
        ],
        "abstract": (
            "Exercises are the main way cities test their preparedness for terrorist attacks, yet little is known "
            "about what happens to the lessons they produce. We analysed 42 exercise reports written between 2018 "
            "and 2023 in seven cities of the Counter Terrorism Preparedness Network and traced 118 of the actions "
            "they recorded through documents and 31 interviews with exercise planners and action owners. Two "
            "years after the exercises, 52 per cent of actions had been completed, 29 per cent were in progress "
            "and 19 per cent had been dropped or forgotten. Completion was strongly associated with three "
            "factors: a named owner, a standing forum where open actions were reviewed, and actions that "
            "concerned a single organisation. Actions at the seams between organisations, typically information "
            "sharing and handover to recovery, were the least likely to be completed. We discuss implications "
            "for the design of debriefs and for exchange between cities."
        ),
        "practitioner_summary": (
            "About half of the actions from exercises get done within two years. Give every action one owner and "
            "a date, review open actions at a meeting that happens anyway, and record fewer actions. Expect the "
            "hardest actions to be those that need two organisations to change together, and give them extra "
            "attention. Sharing exercise reports across cities shows the same gaps again and again."
        ),
        "type": "report",
        "venue": "Nordic Centre for Preparedness Studies, Working Paper 2024:3",
        "date": "2024-03-15",
        "doi": "10.5555/ncps.wp.2024.03",
        "peer_reviewed": False,
        "method": "Document analysis of 42 exercise reports; 31 semi-structured interviews",
        "licence": "CC BY 4.0",
        "cities": ["helsinki", "stockholm", "rotterdam", "manchester", "london", "copenhagen", "barcelona"],
        "themes": ["training-and-exercises", "multi-agency-cooperation"],
        "files": [("exercise-learning-summary", "Summary for practitioners (PDF)")],
        "published": "2024-04-02",
    },
    {
        "slug": "long-term-needs-of-people-affected-by-attacks",
        "title": "Long-term needs of people affected by terrorist attacks: a three-city study",
        "authors": [
            ("Helen Ashcroft", AFFILIATIONS["its"], "0000-0000-6883-300X"),
            ("Marta Puig Ferrer", AFFILIATIONS["iesu"], "0000-0000-1680-790X"),
            ("Claire Dubois-Martel", AFFILIATIONS["iegc"], ""),
        ],
        "abstract": (
            "Support for people affected by terrorist attacks is usually organised in the first weeks and "
            "months. This study examines needs over a longer period. We surveyed 611 survivors, bereaved "
            "relatives, witnesses and responders in three European cities between two and five years after "
            "attacks, and interviewed 48 of them. Unmet needs remained common after two years, especially for "
            "help with employment, legal processes and children's wellbeing. Well-being scores were lowest among "
            "those who had first sought help more than a year after the attack, and among responders, who were "
            "rarely contacted by support services. Having one stable point of contact was the strongest predictor "
            "of satisfaction with support. The findings argue for outreach that continues for years, for "
            "including responders and witnesses, and for a single point of contact across agencies."
        ),
        "practitioner_summary": (
            "Needs do not end after the first months: two to five years on, many people still needed help with "
            "work, courts and their children. People who came forward late, and responders, were worst off. "
            "What helped most was one person to deal with over time. Cities should plan support for years, keep "
            "registration open, and reach out actively to witnesses and responders."
        ),
        "type": "journal-article",
        "venue": "Journal of Trauma and Community Recovery",
        "date": "2021-06-01",
        "doi": "10.5555/jtcr.2021.0117",
        "peer_reviewed": True,
        "method": "Survey (n = 611) and semi-structured interviews (n = 48)",
        "licence": "CC BY 4.0",
        "cities": ["manchester", "barcelona", "paris"],
        "themes": ["victim-support", "community-resilience"],
        "published": "2021-07-12",
    },
    {
        "slug": "affected-persons-survey-dataset",
        "title": "Survey of people affected by attacks in three European cities: anonymised dataset",
        "authors": [
            ("Helen Ashcroft", AFFILIATIONS["its"], "0000-0000-6883-300X"),
            ("Marta Puig Ferrer", AFFILIATIONS["iesu"], "0000-0000-1680-790X"),
        ],
        "abstract": (
            "The anonymised answers of 611 respondents to the survey of people affected by attacks in three "
            "cities, with a codebook. Variables cover the respondent's role, time to first contact with support "
            "services, the types of support received, satisfaction at one week and one year, unmet needs and a "
            "standard well-being score. Free-text answers and any variable that could identify a respondent have "
            "been removed. Access is limited to network members under the data-sharing agreement."
        ),
        "practitioner_summary": (
            "The data behind the three-city study of long-term needs, for cities that want to compare their own "
            "surveys or plan services. The codebook explains every variable. Please cite the dataset and respect "
            "the conditions of the data-sharing agreement."
        ),
        "type": "dataset",
        "venue": "Institute of Trauma Studies data archive",
        "date": "2023-11-20",
        "doi": "10.5072/its-data.2023.611",
        "peer_reviewed": False,
        "method": "Online and telephone survey, 2019-2020",
        "licence": "Restricted: CTPN data-sharing agreement",
        "open_access": "closed",
        "cities": ["manchester", "barcelona", "paris"],
        "themes": ["victim-support"],
        "files": [("victim-survey-codebook", "Codebook (PDF)")],
        "members_only": True,
        "published": "2023-12-04",
    },
    {
        "slug": "local-government-and-prevention-in-europe",
        "title": "Between care and security: local government in the prevention of violent extremism",
        "authors": [("Pieter de Wolf", AFFILIATIONS["maas"], "0000-0000-1233-6995")],
        "abstract": (
            "Over the past decade, European municipalities have taken on a growing role in preventing violent "
            "extremism, through multi-agency case conferences, local action plans and support for professionals. "
            "This chapter compares arrangements in Rotterdam, Antwerp and Copenhagen. It shows that all three "
            "built on existing structures for youth crime and safeguarding, but differ in how they separate care "
            "from security and in the legal basis for sharing information. The chapter argues that the "
            "legitimacy of local prevention depends on keeping the care function visibly distinct, and on "
            "transparent rules for when information passes to the police."
        ),
        "practitioner_summary": (
            "Local prevention works best when it builds on existing youth and safeguarding structures. The three "
            "cities studied keep care and security apart in different ways; what matters is that the rules are "
            "clear to partners and families. Agree the legal basis for information sharing before setting up a "
            "case conference."
        ),
        "type": "book-chapter",
        "venue": "In: Cities against Violent Extremism: Local Approaches in Europe, Meridian Academic Press",
        "date": "2019-09-01",
        "doi": "10.5555/meridian.cave.ch4",
        "peer_reviewed": True,
        "method": "Comparative case study; 36 interviews; document analysis",
        "cities": ["rotterdam", "antwerp", "copenhagen"],
        "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        "open_access": "embargoed",
        "published": "2019-11-18",
    },
    {
        "slug": "protective-security-in-urban-design",
        "title": "Designing-in protection: protective security in the planning of public spaces",
        "authors": [
            ("Mette Kjærgaard", AFFILIATIONS["nrri"], "0000-0000-5937-5748"),
            ("Tom Hargreaves", AFFILIATIONS["tius"], ""),
        ],
        "abstract": (
            "Protective security measures added to public spaces after attacks have often been temporary, "
            "visible and contested. This article examines how two European cities integrate protective security "
            "into the design of new public spaces. Based on 14 projects and interviews with planners, landscape "
            "architects and security advisers, we identify three conditions for successful integration: early "
            "involvement of security advice, a shared vocabulary between designers and advisers, and attention "
            "to maintenance. Integrated measures were rarely noticed by users and cost less than retrofitted ones."
        ),
        "practitioner_summary": (
            "Protection built into the design of streets and squares from the start costs less and is hardly "
            "noticed by users. Involve a security adviser at the first design meeting, make sure designers and "
            "advisers understand each other, and involve maintenance teams so the features stay."
        ),
        "type": "journal-article",
        "venue": "Urban Design and Security",
        "date": "2022-02-14",
        "doi": "10.5555/uds.2022.0009",
        "peer_reviewed": True,
        "method": "Case study of 14 projects; 22 interviews",
        "licence": "CC BY 4.0",
        "cities": ["copenhagen", "london"],
        "themes": ["protection-of-crowded-places"],
        "published": "2022-03-08",
    },
    {
        "slug": "online-radicalisation-local-responses",
        "title": "Online radicalisation and local responses: what cities can do",
        "authors": [("Samir El Idrissi", AFFILIATIONS["cdss"], "0000-0000-4096-2352")],
        "abstract": (
            "Most policy on online radicalisation is made at national and EU level and focuses on platforms. "
            "This brief looks at what cities can do. Drawing on programmes in five member cities, it identifies "
            "three roles: equipping frontline professionals to understand what young people see online, "
            "supporting digital literacy in schools and youth work, and connecting local case work to online "
            "signals without turning professionals into monitors."
        ),
        "practitioner_summary": (
            "Cities cannot moderate platforms, but they can train youth workers and teachers to talk about what "
            "young people see online, support digital literacy, and make sure concerns that start online reach "
            "the right local support. Avoid asking professionals to monitor young people's accounts."
        ),
        "type": "policy-brief",
        "venue": "Centre for Digital Society and Security, Policy Brief 11",
        "date": "2025-05-06",
        "doi": "10.5555/cdss.pb.2025.11",
        "peer_reviewed": False,
        "method": "Review of programmes; expert workshop",
        "licence": "CC BY 4.0",
        "cities": ["paris", "rotterdam", "barcelona", "stockholm", "copenhagen"],
        "themes": ["online-threats", "prevention-of-radicalisation"],
        "published": "2025-05-20",
    },
    {
        "slug": "evaluation-cellules-soutien-agents",
        "title": "Évaluation des dispositifs de soutien psychologique aux agents territoriaux après un événement grave",
        "language": "fr",
        "authors": [
            ("Claire Dubois-Martel", AFFILIATIONS["iegc"], ""),
            ("Antoine Leclerc", AFFILIATIONS["iegc"], ""),
        ],
        "abstract": (
            "Ce rapport évalue les dispositifs de soutien psychologique mis en place par trois grandes "
            "collectivités françaises pour leurs agents exposés à des attentats ou à des événements graves. À "
            "partir de 54 entretiens et d'un questionnaire adressé à 900 agents, il montre que le recontact "
            "systématique à un mois et la formation des encadrants sont les éléments les plus déterminants. Les "
            "agents des équipes de nuit et les salariés des prestataires restent les moins bien couverts."
        ),
        "practitioner_summary": (
            "Recontacter chaque agent un mois après l'événement et former les encadrants au premier soutien "
            "sont les mesures les plus utiles. Il faut prévoir des moyens spécifiques pour joindre les équipes "
            "de nuit et les salariés des prestataires."
        ),
        "type": "report",
        "venue": "Institut d'études sur la gestion des crises, Lyon",
        "date": "2020-11-10",
        "doi": "10.5555/iegc.rapport.2020.07",
        "peer_reviewed": False,
        "method": "Entretiens (n = 54) et questionnaire (n = 900)",
        "licence": "CC BY-NC 4.0",
        "cities": ["paris"],
        "themes": ["victim-support", "crisis-management-and-recovery"],
        "published": "2021-01-19",
    },
    {
        "slug": "percepcion-seguridad-fiestas-populares",
        "title": "Percepción de seguridad y medidas de protección en fiestas populares urbanas",
        "language": "es",
        "authors": [
            ("Laura Sánchez Ortega", AFFILIATIONS["iisu"], "0000-0000-3112-8833"),
            ("Marta Puig Ferrer", AFFILIATIONS["iesu"], "0000-0000-1680-790X"),
        ],
        "abstract": (
            "Tras los atentados en espacios públicos en Europa, muchas ciudades han reforzado la protección de "
            "sus fiestas populares. Este artículo analiza cómo percibe el público esas medidas. A partir de una "
            "encuesta a 1.240 asistentes a fiestas de barrio en Barcelona, se observa que las medidas explicadas "
            "y discretas aumentan la sensación de seguridad, mientras que las barreras visibles sin explicación "
            "la reducen en parte del público. La participación de las comisiones de fiestas en la comunicación "
            "de las medidas mejora su aceptación."
        ),
        "practitioner_summary": (
            "El público acepta mejor las medidas de protección cuando se explican y cuando son discretas. Las "
            "barreras visibles sin explicación pueden aumentar la inquietud. Conviene que las entidades "
            "organizadoras expliquen las medidas a los vecinos."
        ),
        "type": "journal-article",
        "venue": "Revista de Estudios de Seguridad Urbana",
        "date": "2020-04-01",
        "doi": "10.5555/resu.2020.14.2.33",
        "peer_reviewed": True,
        "method": "Encuesta presencial (n = 1.240)",
        "licence": "CC BY 4.0",
        "cities": ["barcelona"],
        "themes": ["protection-of-crowded-places", "community-resilience"],
        "published": "2020-05-11",
    },
    {
        "slug": "samverkan-i-kris-stockholmsregionen",
        "title": "Samverkan i kris: regional krisledning i Stockholmsregionen",
        "language": "sv",
        "authors": [("Elin Forsberg", AFFILIATIONS["shof"], "")],
        "abstract": (
            "Uppsatsen undersöker hur aktörerna i Stockholmsregionen samordnar sig vid allvarliga händelser. "
            "Genom intervjuer med 18 beredskapssamordnare och analys av tre övningar visas att informella "
            "kontakter och gemensamma rutiner för lägesbild är viktigare än formella strukturer. Samtidigt "
            "riskerar beroendet av enskilda personer att göra samverkan sårbar när personal byts ut."
        ),
        "practitioner_summary": (
            "Samverkan i kris bygger mycket på personliga kontakter. Gemensamma rutiner, till exempel för "
            "lägesbild, gör samverkan mindre beroende av enskilda personer. Öva rutinerna regelbundet och se "
            "till att nya medarbetare introduceras i dem."
        ),
        "type": "thesis",
        "venue": "Masteruppsats, Centrum för samhällssäkerhet, Stockholms högskola för offentlig förvaltning",
        "date": "2017-06-09",
        "peer_reviewed": False,
        "method": "Intervjuer (n = 18); analys av tre övningar",
        "cities": ["stockholm"],
        "themes": ["multi-agency-cooperation", "crisis-management-and-recovery"],
        "published": "2018-09-25",
    },
    {
        "slug": "gegevensdeling-casusoverleg-radicalisering",
        "title": "Gegevensdeling in casusoverleggen over radicalisering: knelpunten en oplossingen",
        "language": "nl",
        "authors": [
            ("Femke Jansen", AFFILIATIONS["maas"], ""),
            ("Pieter de Wolf", AFFILIATIONS["maas"], "0000-0000-1233-6995"),
        ],
        "abstract": (
            "Deze beleidsnotitie vergelijkt de regels voor gegevensdeling in casusoverleggen over radicalisering "
            "in Nederland en België. Professionals zijn vaak onzeker over wat zij mogen delen, wat leidt tot "
            "te weinig of juist te veel informatie-uitwisseling. De notitie beschrijft vier knelpunten en doet "
            "aanbevelingen voor convenanten, scholing en terugkoppeling aan melders."
        ),
        "practitioner_summary": (
            "Onzekerheid over privacyregels remt de samenwerking. Een helder convenant, scholing van "
            "deelnemers en vaste afspraken over terugkoppeling aan melders helpen. Deel alleen wat nodig is "
            "voor het plan van aanpak."
        ),
        "type": "policy-brief",
        "venue": "Maas Instituut voor Veiligheidsonderzoek, Beleidsnotitie 2019-2",
        "date": "2019-02-18",
        "doi": "10.5555/maas.bn.2019.2",
        "peer_reviewed": False,
        "method": "Juridische analyse; rondetafelgesprekken met professionals",
        "licence": "CC BY 4.0",
        "cities": ["rotterdam", "antwerp"],
        "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        "published": "2019-03-04",
    },
    {
        "slug": "communicating-after-terror",
        "title": "Communicating after terror: municipal strategic communication in four European cities",
        "authors": [("Daniel Okafor", AFFILIATIONS["nu"], "0000-0000-5975-414X")],
        "abstract": (
            "This doctoral thesis studies how municipalities communicate with residents in the weeks after a "
            "terrorist attack. Through case studies of four European cities, combining interviews with 41 "
            "communication officers and analysis of more than 6,000 municipal social media posts, it identifies "
            "three phases of municipal communication: informing, reassuring and commemorating. Municipalities "
            "were most trusted when they addressed local concerns, admitted uncertainty and worked through "
            "community intermediaries. The thesis proposes a framework for preparing municipal communication "
            "before an attack."
        ),
        "practitioner_summary": (
            "After an attack, residents look to their city for local answers: is my street safe, are schools "
            "open. Cities were trusted most when they said what they did not know yet and used community "
            "leaders as messengers. Prepare statements, channels and community contacts before you need them."
        ),
        "type": "thesis",
        "venue": "PhD thesis, Northgate University",
        "date": "2022-09-30",
        "doi": "10.5555/nu.thesis.2022.0412",
        "peer_reviewed": False,
        "method": "Multiple case study; interviews (n = 41); content analysis",
        "licence": "CC BY 4.0",
        "cities": ["london", "paris", "barcelona", "antwerp"],
        "themes": ["strategic-communication", "community-resilience"],
        "published": "2022-11-14",
    },
    {
        "slug": "rumours-after-urban-attacks",
        "title": "Rumours after urban attacks: a comparative analysis of social media in three cities",
        "authors": [
            ("Katarzyna Nowak", AFFILIATIONS["independent"], "0000-0000-6516-5798"),
            ("Jonas Wikström", AFFILIATIONS["ncps"], ""),
        ],
        "abstract": (
            "False information spreads quickly after attacks and can put people at risk. We analysed public "
            "social media posts in the 48 hours after incidents in three European cities and classified the "
            "rumours that circulated. Reports of additional attacks at other locations were the most common and "
            "the most shared. Corrections by authorities reached a fraction of the audience of the original "
            "rumours, except when they were shared by accounts the public already followed, such as transport "
            "operators and local media."
        ),
        "practitioner_summary": (
            "False reports of further attacks are the most common rumour after an incident. Corrections work "
            "best when they come from accounts people already follow: transport operators, local media, venues. "
            "Agree with these partners in advance how they will share official information."
        ),
        "type": "journal-article",
        "venue": "Journal of Crisis Informatics",
        "date": "2018-05-22",
        "doi": "10.5555/jci.2018.0031",
        "peer_reviewed": True,
        "method": "Content analysis of social media posts",
        "licence": "CC BY 4.0",
        "cities": ["stockholm", "london", "manchester"],
        "themes": ["online-threats", "strategic-communication"],
        "published": "2018-07-03",
    },
    {
        "slug": "temporary-vehicle-mitigation-review",
        "title": "Temporary vehicle mitigation at public events: a review of European practice",
        "authors": [("Tom Hargreaves", AFFILIATIONS["tius"], "")],
        "abstract": (
            "This review summarises how European cities planned temporary protection against vehicle attacks at "
            "markets, parades and festivals in 2016. It compares planning processes, the roles of event "
            "organisers and public bodies, and how costs were shared. It does not assess specific products."
        ),
        "practitioner_summary": (
            "Planning processes matter more than products. Cities that involved organisers, highways engineers "
            "and security advisers early had fewer last-minute changes and lower costs. Sharing equipment between "
            "districts helped smaller events."
        ),
        "type": "report",
        "venue": "Thames Institute for Urban Security",
        "date": "2016-11-28",
        "doi": "10.5555/tius.2016.r04",
        "peer_reviewed": False,
        "method": "Survey of 19 cities; document review",
        "open_access": "closed",
        "cities": ["london"],
        "themes": ["protection-of-crowded-places"],
        "members_only": True,
        "published": "2018-06-12",
    },
    {
        "slug": "ctpn-practice-inventory",
        "title": "Inventory of city preparedness practices in the CTPN, 2018-2025",
        "authors": [
            ("Giulia Moretti", AFFILIATIONS["eiur"], "0000-0000-0520-0352"),
            ("Aino Lehtonen", AFFILIATIONS["hccr"], "0000-0000-8206-8412"),
        ],
        "abstract": (
            "A structured inventory of 212 practices reported by member cities of the Counter Terrorism "
            "Preparedness Network between 2018 and 2025, coded by theme, phase, partners, evaluation and status. "
            "The dataset supports comparison between cities and shows where practices cluster and where gaps "
            "remain. Practices marked members-only in the portal are included only with summary fields."
        ),
        "practitioner_summary": (
            "A spreadsheet of the practices cities have shared, coded so that you can see which themes and "
            "phases are well covered and which are not. Recovery and online threats have the fewest evaluated "
            "practices."
        ),
        "type": "dataset",
        "venue": "European Institute for Urban Recovery data repository",
        "date": "2025-12-01",
        "doi": "10.5072/eiur.ctpn-inventory.v1",
        "peer_reviewed": False,
        "method": "Coding of practice reports",
        "licence": "CC BY 4.0",
        "cities": ["stockholm", "barcelona", "manchester", "london", "paris", "rotterdam"],
        "themes": ["multi-agency-cooperation", "training-and-exercises"],
        "published": "2025-12-09",
    },
    {
        "slug": "local-economy-after-terrorism",
        "title": "The local economy after terrorism: recovery lessons from European city centres",
        "authors": [
            ("Giulia Moretti", AFFILIATIONS["eiur"], "0000-0000-0520-0352"),
            ("Tom Hargreaves", AFFILIATIONS["tius"], ""),
        ],
        "abstract": (
            "Attacks in city centres affect livelihoods long after cordons are lifted. This chapter draws on "
            "interviews with traders, business associations and local authorities in three cities to describe "
            "how local economies recovered. Small businesses near the site faced the largest losses and were the "
            "least insured. Early access to premises, quick hardship support and campaigns agreed with victims' "
            "families were associated with faster recovery of footfall."
        ),
        "practitioner_summary": (
            "Small businesses near an attack site suffer most and are least insured. Plan early access to "
            "premises, hardship grants that open within a week, and campaigns to bring visitors back that are "
            "agreed with the families of victims."
        ),
        "type": "book-chapter",
        "venue": "In: Handbook of Urban Recovery, Meridian Academic Press",
        "date": "2026-04-15",
        "doi": "10.5555/meridian.hur.ch12",
        "peer_reviewed": True,
        "method": "Interviews (n = 37); secondary analysis of footfall data",
        "open_access": "embargoed",
        "cities": ["london", "manchester", "barcelona"],
        "themes": ["crisis-management-and-recovery", "community-resilience"],
        "published": "2026-05-04",
    },
    {
        "slug": "protecting-public-servants-from-online-threats",
        "title": "Protecting public servants from online threats: options for municipalities",
        "authors": [
            ("Riikka Salminen", AFFILIATIONS["hccr"], ""),
            ("Samir El Idrissi", AFFILIATIONS["cdss"], "0000-0000-4096-2352"),
        ],
        "abstract": (
            "Municipal staff increasingly face online harassment and threats connected with their work. This "
            "brief reviews the options available to municipalities as employers: reporting systems, threat "
            "assessment with the police, legal support, removal of personal information and changes to duties. "
            "It draws on early experience in one Nordic capital and on employer practice in other sectors."
        ),
        "practitioner_summary": (
            "Make reporting easy and encourage managers to ask. Assess threats with the police quickly, offer "
            "legal support, and help staff remove personal details from the internet. Expect under-reporting, "
            "especially among staff in social services and building control."
        ),
        "type": "policy-brief",
        "venue": "Helsinki Centre for Crisis Research, Brief 2026/4",
        "date": "2026-09-08",
        "doi": "10.5555/hccr.brief.2026.4",
        "peer_reviewed": False,
        "method": "Practice review; interviews with employers",
        "cities": ["helsinki"],
        "themes": ["online-threats", "victim-support"],
        "members_only": True,
        "published": "2026-09-21",
    },
    {
        "slug": "businesses-in-city-preparedness-exercises",
        "title": "Businesses in city preparedness exercises: evidence from a Nordic capital",
        "authors": [
            ("Riikka Salminen", AFFILIATIONS["hccr"], ""),
            ("Aino Lehtonen", AFFILIATIONS["hccr"], "0000-0000-8206-8412"),
        ],
        "abstract": (
            "Comprehensive security expects businesses and civil society to take part in preparedness, but "
            "their participation in exercises is rarely studied. We evaluated a week-long city-wide exercise in "
            "which 230 organisations took part at a level of their choosing. Low-threshold formats brought in "
            "many small businesses that had never exercised before, and most participants updated their plans "
            "afterwards. The exercise also revealed dependencies on a few critical suppliers."
        ),
        "practitioner_summary": (
            "Let organisations choose how much to take part; a one-hour discussion kit brought in many small "
            "businesses. Keep lesson reporting as simple as taking part. Use the exercise to map which suppliers "
            "the city and businesses all depend on."
        ),
        "type": "journal-article",
        "venue": "European Review of Crisis Management",
        "date": "2025-01-20",
        "doi": "10.5555/ercm.2025.0004",
        "peer_reviewed": True,
        "method": "Evaluation: survey of participants (n = 187); 12 interviews",
        "licence": "CC BY 4.0",
        "cities": ["helsinki"],
        "themes": ["training-and-exercises", "community-resilience"],
        "published": "2025-02-10",
    },
]
