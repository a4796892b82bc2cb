"""Events of the demo network, on fixed dates: some in 2025-2026 (past), some in 2027-2028 (upcoming).

Times are local to the venue (``timezone``); online links point at example.org.
"""

from .text import agenda_heading, item, p, ul

EVENTS = [
    {
        "slug": "ctpn-annual-conference-2025",
        "title": "CTPN annual conference 2025: preparedness close to people",
        "summary": (
            "Two days in Barcelona on how cities involve residents, festival organisers and victims' "
            "associations in preparedness and recovery, with site visits and a session where researchers "
            "present findings to practitioners."
        ),
        "start": "2025-03-12T09:00",
        "end": "2025-03-13T16:00",
        "timezone": "Europe/Madrid",
        "format": "in-person",
        "venue": "Centre de Convencions del Fòrum, Sala Mediterrània, Barcelona",
        "host_city": "barcelona",
        "organiser": "CTPN secretariat, hosted by Barcelona",
        "description": p(
            "The network's annual conference brings together the member cities' coordinators, practitioners "
            "and invited experts. In 2025 the programme looks at preparedness that starts close to people: in "
            "neighbourhoods, at street festivals and in long-term support for those affected.",
        )
        + ul(
            "Day one: plenary sessions and a research-meets-practice session.",
            "Day two: site visit to a neighbourhood festival planning meeting and working groups.",
        ),
        "agenda": [
            agenda_heading("Wednesday 12 March"),
            item("09:00", "Welcome and opening", "Host city and CTPN secretariat"),
            item(
                "09:30",
                "Protecting street festivals without closing them",
                "Festival commission member and Barcelona security and prevention department",
                "How Barcelona assesses risk with the organisers of 74 neighbourhood festivals.",
            ),
            item(
                "11:00",
                "Long-term needs of people affected by attacks",
                "Helen Ashcroft (Institute of Trauma Studies) and Marta Puig Ferrer (IESU)",
                "Findings of the three-city study, with responses from Manchester and Paris.",
            ),
            item("14:00", "Working groups: victim support, crowded places, exercises"),
            item("16:30", "Reports from the working groups"),
            agenda_heading("Thursday 13 March"),
            item("09:00", "Site visit: a festival planning meeting in Gràcia", "District of Gràcia"),
            item("12:00", "Members' business meeting", "Member cities' coordinators"),
            item("14:30", "Closing: priorities for 2025-2026", "CTPN secretariat"),
        ],
        "themes": ["protection-of-crowded-places", "victim-support", "multi-agency-cooperation"],
        "outputs": [
            "practice:barcelona/proteccio-espais-concorreguts-festes-majors",
            "practice:barcelona/acompanamiento-victimas-largo-plazo",
            "research:long-term-needs-of-people-affected-by-attacks",
        ],
        "published": "2024-12-10",
    },
    {
        "slug": "webinar-first-72-hours-victim-support",
        "title": "Webinar: supporting victims and families in the first 72 hours",
        "summary": (
            "Manchester and Oslo present how they organise support for people affected by an attack in the "
            "first three days: reception centres for relatives, registration and the first contact from a "
            "support service."
        ),
        "start": "2025-05-20T10:00",
        "end": "2025-05-20T11:30",
        "timezone": "Europe/Stockholm",
        "format": "online",
        "online_link": "https://meet.example.org/ctpn/victim-support-first-72-hours",
        "organiser": "CTPN working group on victim support",
        "description": p(
            "A 90-minute webinar for practitioners in victim support, emergency management and social services. "
            "Each presentation is followed by questions; the session is recorded for members.",
        ),
        "agenda": [
            item("10:00", "Introduction", "Chair of the working group on victim support"),
            item(
                "10:10",
                "A reception centre for relatives within two hours",
                "Former emergency planner, Oslo",
                "Venue agreements, staffing and briefings at fixed times.",
            ),
            item(
                "10:35",
                "Registering everyone affected, from day one",
                "Support hub manager, Manchester",
                "Why outreach starts in the first days and continues for years.",
            ),
            item("11:00", "Questions and discussion"),
        ],
        "themes": ["victim-support", "crisis-management-and-recovery"],
        "outputs": ["practice:oslo/reception-centre-for-relatives", "practice:manchester/long-term-support-hub"],
        "published": "2025-04-15",
    },
    {
        "slug": "workshop-crowded-places-street-festivals",
        "title": "Workshop: protecting crowded places during street festivals and markets",
        "summary": (
            "A one-and-a-half-day workshop in Barcelona, also open online, for planners of festivals, markets "
            "and parades. Cities compare how they assess risk, involve organisers and explain measures to the "
            "public."
        ),
        "start": "2025-09-24T13:00",
        "end": "2025-09-25T13:00",
        "timezone": "Europe/Madrid",
        "format": "hybrid",
        "venue": "Casa de la Seguretat, Carrer de la Prevenció 1, Barcelona",
        "online_link": "https://meet.example.org/ctpn/crowded-places-workshop-2025",
        "host_city": "barcelona",
        "organiser": "Barcelona security and prevention department with the CTPN secretariat",
        "description": p(
            "Participants bring one event they plan and work through it with colleagues from other cities. "
            "Online participants join the plenary sessions and one online working group.",
        ),
        "agenda": [
            agenda_heading("Wednesday 24 September"),
            item("13:00", "Welcome and introductions"),
            item(
                "13:30",
                "What the public thinks of protective measures",
                "Laura Sánchez Ortega (Instituto de Investigación en Seguridad Urbana)",
            ),
            item("14:30", "Small venues and big festivals: advice that gets used", "Licensing officer, Manchester"),
            item("16:00", "Working groups on participants' own events"),
            agenda_heading("Thursday 25 September"),
            item("09:00", "Designing protection into new public spaces", "Planning department, Copenhagen"),
            item("10:30", "Working groups continued"),
            item("12:15", "Conclusions and next steps"),
        ],
        "themes": ["protection-of-crowded-places", "community-resilience"],
        "outputs": [
            "practice:barcelona/proteccio-espais-concorreguts-festes-majors",
            "practice:manchester/protective-security-advice-for-small-venues",
            "research:percepcion-seguridad-fiestas-populares",
            "research:protective-security-in-urban-design",
        ],
        "published": "2025-06-30",
    },
    {
        "slug": "exercise-design-masterclass-2025",
        "title": "Masterclass: designing exercises that lead to change",
        "summary": (
            "A members-only masterclass in Rotterdam for exercise planners: how to set purposes, write injects, "
            "run multi-agency debriefs and make sure actions are completed."
        ),
        "start": "2025-11-18T09:30",
        "end": "2025-11-18T17:00",
        "timezone": "Europe/Amsterdam",
        "format": "in-person",
        "venue": "Veiligheidsregio Rotterdam-Rijnmond, training centre, Rotterdam",
        "host_city": "rotterdam",
        "organiser": "CTPN working group on exercises",
        "description": p(
            "For exercise planners and crisis managers of member cities. Places are limited to two per city. "
            "Participants are asked to bring a recent exercise report.",
        ),
        "agenda": [
            item("09:30", "Why actions from exercises get lost", "Aino Lehtonen (Helsinki Centre for Crisis Research)"),
            item("10:30", "Structured debriefs: the Rotterdam template", "Debrief facilitator, safety region"),
            item("13:00", "A city-wide exercise with businesses", "Preparedness unit, City of Helsinki"),
            item("14:30", "Practical: rewrite your own exercise's action list"),
            item("16:30", "Wrap-up and evaluation"),
        ],
        "themes": ["training-and-exercises", "multi-agency-cooperation"],
        "outputs": [
            "practice:rotterdam/structured-multi-agency-debriefs",
            "practice:helsinki/city-wide-preparedness-exercise-with-businesses",
            "research:what-cities-learn-from-exercises",
        ],
        "members_only": True,
        "published": "2025-09-02",
    },
    {
        "slug": "research-meets-practice-online-radicalisation",
        "title": "Research meets practice: online radicalisation and local responses",
        "summary": (
            "An online session in which a policy brief on local responses to online radicalisation is discussed "
            "with youth workers and prevention coordinators from Paris and Rotterdam."
        ),
        "start": "2026-02-10T14:00",
        "end": "2026-02-10T16:00",
        "timezone": "Europe/Paris",
        "format": "online",
        "online_link": "https://meet.example.org/ctpn/research-meets-practice-online",
        "organiser": "CTPN secretariat",
        "description": p(
            "Part of the network's series in which invited experts present research and practitioners respond.",
        ),
        "agenda": [
            item("14:00", "What cities can do about online radicalisation", "Samir El Idrissi (CDSS, Brussels)"),
            item("14:30", "Training youth workers in digital culture", "Prevention team, City of Paris"),
            item("14:50", "A pilot on digital resilience", "Youth work organisation, Rotterdam"),
            item("15:10", "Discussion"),
        ],
        "themes": ["online-threats", "prevention-of-radicalisation"],
        "outputs": [
            "research:online-radicalisation-local-responses",
            "practice:paris/jeunes-exposes-propagande-en-ligne",
            "practice:rotterdam/digitale-weerbaarheid-jongerenwerkers",
        ],
        "published": "2026-01-08",
    },
    {
        "slug": "ctpn-annual-conference-2026",
        "title": "CTPN annual conference 2026: communicating in a crisis",
        "summary": (
            "The 2026 conference in Antwerp was devoted to communication before, during and after attacks: "
            "reaching multilingual populations, countering rumours and working with community messengers."
        ),
        "start": "2026-05-19T09:00",
        "end": "2026-05-20T15:00",
        "timezone": "Europe/Brussels",
        "format": "hybrid",
        "venue": "Stadsfeestzaal conference rooms, Antwerp",
        "online_link": "https://meet.example.org/ctpn/annual-conference-2026",
        "host_city": "antwerp",
        "organiser": "CTPN secretariat with the City of Antwerp",
        "description": p(
            "Plenary sessions were streamed for members who could not travel. Working groups were held in person only.",
        ),
        "agenda": [
            agenda_heading("Tuesday 19 May"),
            item("09:00", "Opening", "City of Antwerp and CTPN secretariat"),
            item("09:30", "Reaching a city of 170 languages", "Communication department, Antwerp"),
            item("11:00", "Rumours after attacks: what the research says", "Katarzyna Nowak (independent researcher)"),
            item("14:00", "Working groups"),
            agenda_heading("Wednesday 20 May"),
            item("09:00", "Community reassurance in the first 72 hours", "Borough communications, London"),
            item("11:00", "Members' business meeting"),
            item("13:30", "Closing"),
        ],
        "themes": ["strategic-communication", "community-resilience", "online-threats"],
        "outputs": [
            "practice:antwerp/multilingual-crisis-communication",
            "practice:london/community-reassurance-playbook",
            "research:rumours-after-urban-attacks",
        ],
        "published": "2026-02-17",
    },
    {
        "slug": "ctpn-annual-conference-2027",
        "title": "CTPN annual conference 2027: recovery as part of preparedness",
        "summary": (
            "Manchester hosts the 2027 conference on recovery: long-term support for people affected, standing "
            "recovery structures and the recovery of local economies. Members can join the plenary sessions "
            "online."
        ),
        "start": "2027-03-16T09:00",
        "end": "2027-03-17T15:30",
        "timezone": "Europe/London",
        "format": "hybrid",
        "venue": "Central Library conference suite, Manchester",
        "online_link": "https://meet.example.org/ctpn/annual-conference-2027",
        "host_city": "manchester",
        "organiser": "CTPN secretariat with the Greater Manchester Resilience Forum",
        "description": p(
            "Registration opens in January 2027. Each member city may send up to four delegates; invited experts "
            "are welcome.",
        ),
        "agenda": [
            agenda_heading("Tuesday 16 March"),
            item("09:00", "Welcome", "Greater Manchester Resilience Forum"),
            item("09:30", "Recovery starts before the emergency", "Recovery coordination group, Manchester"),
            item("11:00", "Support for years, not months", "Support hub, Manchester"),
            item("14:00", "Working groups"),
            agenda_heading("Wednesday 17 March"),
            item(
                "09:00",
                "The local economy after an attack",
                "Giulia Moretti (European Institute for Urban Recovery)",
            ),
            item("11:00", "Members' business meeting"),
            item("14:00", "Closing and handover to the 2028 host"),
        ],
        "themes": ["crisis-management-and-recovery", "victim-support", "community-resilience"],
        "outputs": ["practice:manchester/recovery-coordination-group", "research:local-economy-after-terrorism"],
        "published": "2026-10-20",
    },
    {
        "slug": "table-top-exercise-cascading-winter-crisis",
        "title": "Table-top exercise: an attack during a winter power crisis",
        "summary": (
            "A members-only table-top exercise in Helsinki in which cities test how an attack would be handled "
            "while the city is already stretched by a prolonged power shortage in winter."
        ),
        "start": "2027-02-09T09:00",
        "end": "2027-02-09T16:00",
        "timezone": "Europe/Helsinki",
        "format": "in-person",
        "venue": "City of Helsinki preparedness centre",
        "host_city": "helsinki",
        "organiser": "City of Helsinki with the CTPN working group on exercises",
        "description": p(
            "Two participants per member city: one from crisis management and one from social or health services. "
            "The scenario is sent to participants two weeks before the exercise.",
        ),
        "agenda": [
            item("09:00", "Briefing and rules of the exercise"),
            item("09:30", "Phase 1: a city under strain"),
            item("11:00", "Phase 2: the attack"),
            item("13:30", "Phase 3: the following week"),
            item("15:00", "Debrief using the Rotterdam template"),
        ],
        "themes": ["training-and-exercises", "crisis-management-and-recovery"],
        "members_only": True,
        "published": "2026-11-02",
    },
    {
        "slug": "webinar-communicating-after-an-attack",
        "title": "Webinar: what to say, and who says it, after an attack",
        "summary": (
            "An online session for municipal communication teams on the first week after an attack: holding "
            "statements, community messengers, and how to say what is not yet known."
        ),
        "start": "2027-10-05T10:00",
        "end": "2027-10-05T11:30",
        "timezone": "Europe/Stockholm",
        "format": "online",
        "online_link": "https://meet.example.org/ctpn/communicating-after-an-attack",
        "organiser": "CTPN working group on strategic communication",
        "description": p("Open to communication staff of member cities and partner organisations."),
        "agenda": [
            item("10:00", "Three phases of municipal communication", "Daniel Okafor (Northgate University)"),
            item("10:30", "A borough playbook in practice", "Borough communications, London"),
            item("11:00", "Questions"),
        ],
        "themes": ["strategic-communication"],
        "outputs": ["research:communicating-after-terror", "practice:london/community-reassurance-playbook"],
        "published": "2026-11-10",
    },
    {
        "slug": "atelier-reprise-economie-locale",
        "title": "Atelier : la reprise de l'économie locale après un attentat",
        "language": "fr",
        "summary": (
            "Un atelier de deux demi-journées à Paris, ouvert aussi en ligne, sur le soutien aux commerces et "
            "aux salariés des quartiers touchés par un attentat. Interprétation en anglais."
        ),
        "start": "2028-04-11T13:30",
        "end": "2028-04-12T12:30",
        "timezone": "Europe/Paris",
        "format": "hybrid",
        "venue": "Hôtel de Ville, salle des commissions, Paris",
        "online_link": "https://meet.example.org/ctpn/atelier-economie-locale-2028",
        "host_city": "paris",
        "organiser": "Ville de Paris et secrétariat du CTPN",
        "description": p(
            "Les villes membres présentent leurs plans de soutien aux commerces et échangent avec des "
            "représentants des commerçants et des assureurs.",
        ),
        "agenda": [
            agenda_heading("Mardi 11 avril"),
            item("13:30", "Accueil et introduction", "Ville de Paris"),
            item("14:00", "Planifier la reprise économique : l'exemple de Londres", "Borough economic development"),
            item("15:30", "Table ronde avec des commerçants et des assureurs"),
            agenda_heading("Mercredi 12 avril"),
            item("09:00", "Groupes de travail"),
            item("11:30", "Conclusions"),
        ],
        "themes": ["crisis-management-and-recovery", "community-resilience"],
        "outputs": ["practice:london/local-economy-recovery-after-an-attack", "research:local-economy-after-terrorism"],
        "published": "2026-11-20",
    },
]
