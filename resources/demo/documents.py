"""PDF attachments of the demo, rendered by ``resources.demo.pdf`` from these texts.

Each entry is keyed by the name practices and research use to attach it; the
document itself is looked up by title. ``members_only`` puts it in the city's
"Members only" collection.
"""

DOCUMENTS = {
    "stockholm-exercise-guide": {
        "title": "Table-top exercise guide: an attack at a shopping centre",
        "filename": "ssr-table-top-exercise-guide-shopping-centre.pdf",
        "city": "stockholm",
        "members_only": False,
        "sections": [
            (
                "About this guide",
                [
                    "This guide describes how the Stockholm region's collaboration SSR runs half-day table-top "
                    "exercises with shopping centre managers, tenants, the municipality, police, fire and rescue "
                    "services and the regional health care. It is written for the person who plans and facilitates "
                    "the exercise, not for the participants.",
                    "The scenario is deliberately generic. It does not describe any real site and contains no "
                    "information about the protective measures of any particular centre.",
                ],
            ),
            (
                "Before the exercise",
                [
                    "Agree the purpose with the centre management six to eight weeks ahead. The exercise is there to "
                    "test how information and decisions move between organisations in the first hour, not to grade "
                    "anyone. Invite people who would actually be on duty: the security manager, the duty manager, a "
                    "representative of the larger tenants, the municipal duty officer and liaison officers from the "
                    "blue-light services.",
                    "Send the participants a one-page description of the centre, the timetable and the rules of the "
                    "exercise: no one is assessed, everyone speaks from their real role, and what is said stays in "
                    "the room unless the group agrees to share it.",
                ],
            ),
            (
                "The scenario in four injects",
                [
                    "Inject 1, 14:05 on a Saturday: staff report people running from the food court and calls "
                    "about an attack. Questions: who raises the alarm, and to whom? What do tenants do with "
                    "customers in their shops?",
                    "Inject 2, 14:20: the police have secured the scene, but the centre is still full of people "
                    "sheltering in shops and storerooms. Questions: how are they found and brought out safely? "
                    "Where do they go, and who registers them?",
                    "Inject 3, 15:30: rumours and videos spread on social media; relatives gather outside. "
                    "Questions: who speaks to the public, and what does the centre say to its own staff?",
                    "Inject 4, the following Monday: the centre is to reopen. Questions: what do staff and tenants "
                    "need before they come back, and how is the municipality's support organised?",
                ],
            ),
            (
                "Debrief",
                [
                    "Close with a 45-minute debrief. Ask each organisation what surprised them, what they would "
                    "need from the others, and one thing they will change. Record the actions with an owner and a "
                    "date, and send them to the participants within two weeks.",
                ],
            ),
        ],
    },
    "stockholm-situation-picture": {
        "title": "Checklista: gemensam lägesbild vid allvarlig händelse",
        "filename": "ssr-checklista-gemensam-lagesbild.pdf",
        "city": "stockholm",
        "members_only": True,
        "sections": [
            (
                "Syfte",
                [
                    "Checklistan stöder den aktör som kallar till ett samverkansmöte för gemensam lägesbild inom "
                    "SSR. Den används vid allvarliga händelser som berör flera organisationer i regionen, "
                    "oavsett orsak.",
                ],
            ),
            (
                "Före mötet",
                [
                    "Kontrollera vilka aktörer som berörs och skicka kallelse via den regionala "
                    "samverkanskanalen. Ange tid, mötesform och vilka frågor som ska besvaras.",
                    "Be varje aktör förbereda tre punkter: vad vet vi, vad gör vi, vad behöver vi av andra.",
                ],
            ),
            (
                "Under mötet",
                [
                    "Mötesledaren inleder med en kort sammanfattning av det som är känt och osäkert. Därefter "
                    "redovisar aktörerna i fast ordning. Beslut och behov av stöd noteras i den gemensamma mallen.",
                    "Kommunikationsansvariga kommer överens om budskap till allmänheten och vem som går ut med "
                    "vad, så att myndigheterna inte säger emot varandra.",
                ],
            ),
            (
                "Efter mötet",
                [
                    "Den sammanställda lägesbilden skickas ut inom 30 minuter. Nästa möte bokas innan deltagarna "
                    "lämnar. Alla underlag arkiveras för den efterföljande utvärderingen.",
                ],
            ),
        ],
    },
    "manchester-venue-checklist": {
        "title": "Protective security checklist for small venues",
        "filename": "manchester-small-venue-protective-security-checklist.pdf",
        "city": "manchester",
        "members_only": False,
        "sections": [
            (
                "Who this is for",
                [
                    "Owners and managers of pubs, music venues, community halls and places of worship that hold "
                    "up to 500 people. It summarises the advice given during the city's venue visits; it does not "
                    "replace a proper risk assessment.",
                ],
            ),
            (
                "Your people",
                [
                    "Every member of staff, including casual and agency staff, should know how to report "
                    "something suspicious, where the exits are and what the instruction to evacuate or to shelter "
                    "will sound like.",
                    "Brief door staff at the start of every shift. Ask them what they noticed last time; most "
                    "useful reports come from people who know what normal looks like at your venue.",
                ],
            ),
            (
                "Your plan",
                [
                    "Write down who decides to evacuate or to keep people inside, and how that message reaches "
                    "every room. Test it at least twice a year, once with customers present.",
                    "Keep a short list of contacts: the council's licensing and resilience teams, your "
                    "neighbouring venues and your local policing team.",
                ],
            ),
            (
                "After an incident",
                [
                    "Staff may need support for weeks or months. The city's support hub can advise employers on "
                    "what to offer and when to refer someone on.",
                ],
            ),
        ],
    },
    "rotterdam-debrief-template": {
        "title": "Multi-agency debrief: template and facilitator notes",
        "filename": "rotterdam-multi-agency-debrief-template.pdf",
        "city": "rotterdam",
        "members_only": True,
        "sections": [
            (
                "Purpose",
                [
                    "A structured debrief within ten working days of an exercise or an incident, with every "
                    "organisation that had a role. The aim is learning across organisations; questions of blame "
                    "or liability belong to other processes and are kept out of the room.",
                ],
            ),
            (
                "Template",
                [
                    "1. Timeline: the facilitator presents a combined timeline prepared from each organisation's "
                    "logs, and participants correct it.",
                    "2. What went as planned, and why.",
                    "3. What did not go as planned: for each point, what happened, what the effect was, and what "
                    "each organisation knew at that moment.",
                    "4. Actions: a maximum of eight, each with one owner and a date. Actions without an owner are "
                    "not recorded.",
                ],
            ),
            (
                "Facilitator notes",
                [
                    "Facilitate from a neutral organisation where possible. Ask the most junior people in the "
                    "room to speak first. Keep the notes anonymous: they record roles, not names.",
                    "Review open actions at the next regional meeting, and again after six months.",
                ],
            ),
        ],
    },
    "exercise-learning-summary": {
        "title": "What cities learn from exercises: summary for practitioners",
        "filename": "ctpn-exercise-learning-summary.pdf",
        "city": "helsinki",
        "members_only": False,
        "sections": [
            (
                "Summary",
                [
                    "We looked at 42 exercise reports from seven member cities written between 2018 and 2023, and "
                    "followed up 118 of the actions they recorded. About half of the actions had been completed two "
                    "years later. Actions were much more likely to be completed when they had a named owner, when "
                    "they were discussed again at a regular meeting, and when they concerned a single organisation.",
                ],
            ),
            (
                "Recommendations",
                [
                    "Record fewer actions, and give each one an owner and a date. Review open actions at a fixed "
                    "meeting. Share exercise reports with the other cities in the network: the same gaps turn up "
                    "again and again, particularly in information to relatives and in the handover from the "
                    "emergency phase to recovery.",
                ],
            ),
        ],
    },
    "victim-survey-codebook": {
        "title": "Codebook: survey of people affected by attacks in three cities",
        "filename": "ctpn-affected-persons-survey-codebook.pdf",
        "city": "manchester",
        "members_only": True,
        "sections": [
            (
                "About the data",
                [
                    "The dataset holds anonymised answers from 611 people who were affected by attacks in three "
                    "member cities: survivors, bereaved relatives, witnesses and responders. It covers the support "
                    "they received in the first week, the first year and afterwards.",
                    "Access is limited to network members under the data-sharing agreement; free-text answers "
                    "are not included.",
                ],
            ),
            (
                "Variables",
                [
                    "city (three-letter code); role (survivor, bereaved, witness, responder, other); first_contact "
                    "(days until first contact from a support service); support_types (multiple choice); "
                    "satisfaction_week1, satisfaction_year1 (1 to 5); unmet_needs (multiple choice); "
                    "wellbeing_score (WHO-5, 0 to 100).",
                ],
            ),
        ],
    },
}
