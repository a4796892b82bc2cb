"""Practices of London."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "london"

PRACTICES = [
    {
        "slug": "borough-counter-terrorism-local-profiles",
        "title": "Borough counter-terrorism local profiles for planners",
        "summary": (
            "Each borough receives an annual local profile of the terrorism threat and its local vulnerabilities, "
            "written for council planners rather than for police. The profile shapes the borough's prevention "
            "plan, its protective security priorities and its training programme."
        ),
        "phase": "anticipate",
        "themes": ["multi-agency-cooperation", "prevention-of-radicalisation"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2018-04-01",
        "last_verified": "2026-02-11",
        "audiences": "Borough resilience, community safety and prevention leads; council chief executives",
        "partners": [
            "Counter-terrorism policing",
            "London boroughs' community safety partnerships",
            "London Resilience Group",
            "Regional prevention coordinators",
        ],
        "budget": "Produced by police analysts with a council secondee; about 15 analyst days per borough per year.",
        "objectives": ul(
            "Give councils an assessment they can use to set priorities, at the right level of classification.",
            "Link prevention, protective security and preparedness planning in one annual cycle.",
            "Make councils' own knowledge part of the assessment.",
        ),
        "method": ol(
            "In the autumn, the council and police agree the questions the profile should answer.",
            "Analysts combine police information with council data on venues, events and community tensions.",
            "A version cleared for wider council use is briefed to the borough's senior leadership.",
            "The borough's partnership agrees priorities and reports progress at mid-year.",
        ),
        "outcomes": p(
            "All boroughs now receive a profile. The internal review of 2024 found that most boroughs had used "
            "it to target training and venue engagement, and that councils contributed more local information "
            "each year. Boroughs with a named lead for the profile made most use of it.",
        ),
        "lessons": ul(
            "The cleared version must still say something useful; too much redaction and it goes unread.",
            "A briefing in person lands better than a document.",
            "Ask councils what decisions they need to take before writing anything.",
        ),
        "transferability": p(
            "The approach relies on an agreed process for sharing assessed information with local government. "
            "Cities should start by agreeing which decisions the profile is meant to support.",
        ),
        "body": [
            heading("Why profiles for councils"),
            paragraph(
                "Councils run many of the places and services where terrorism prevention and protection happen, "
                "but rarely saw an assessment written with them in mind. Police assessments were either too "
                "sensitive to share or too general to act on.",
            ),
            quote(
                "For the first time we could put our training budget where the profile said the gaps were, and "
                "explain why to our members.",
                "Borough head of community safety",
            ),
            callout(
                "Classification",
                "This report describes the process only. The profiles themselves are not shared outside the "
                "borough partnerships.",
            ),
        ],
        "members_only": True,
        "published": "2019-01-29",
    },
    {
        "slug": "frontline-staff-awareness-e-learning",
        "title": "Awareness e-learning for frontline council staff",
        "summary": (
            "A 40-minute e-learning module teaches council staff who work in public places, such as parking "
            "attendants, librarians, park keepers and street cleaners, how to spot and report concerns and what "
            "to do if an attack happens nearby. More than 30,000 staff completed it."
        ),
        "phase": "protect",
        "themes": ["training-and-exercises", "protection-of-crowded-places"],
        "status": "completed",
        "evaluation": "external",
        "start": "2019-09-01",
        "end": "2021-03-31",
        "audiences": "Frontline council staff and contractors working in public spaces",
        "partners": [
            "London boroughs' learning and development teams",
            "Counter-terrorism security advisers",
            "Council contractors (waste, parking, parks)",
            "Trade unions",
        ],
        "budget": "Development about GBP 45,000, shared between boroughs; hosting on existing learning platforms.",
        "objectives": ul(
            "Reach staff who are in public spaces every day but had never been trained.",
            "Teach simple, memorable actions: notice, report, and in an attack run, hide and tell.",
            "Make the module short enough to be done within a shift.",
        ),
        "method": ol(
            "Content was written with frontline staff, tested in three boroughs and revised.",
            "The module uses short video scenes set in everyday council work.",
            "Managers were asked to give staff paid time to complete it.",
            "Completion and a short knowledge check were recorded on each borough's platform.",
        ),
        "outcomes": p(
            "Some 31,000 staff and contractors completed the module. The external evaluation found a clear "
            "rise in staff confidence to report concerns, which was still visible after six months, and an "
            "increase in reports through council channels in the boroughs that promoted it most.",
        ),
        "lessons": ul(
            "Scenes from staff's own work made the module credible.",
            "Contractors needed their employers' agreement; build this into contracts.",
            "A refresher is needed: knowledge faded faster than confidence.",
        ),
        "transferability": p(
            "The structure of the module is easy to adapt; scenes and reporting routes must be local. The "
            "evaluation is shared with network members.",
        ),
        "body": [
            heading("Who we wanted to reach"),
            paragraph(
                "Most awareness training reached security staff and managers. The people who walk the same "
                "streets every day, and notice when something is out of place, had been left out.",
            ),
            bullets(
                "The module covers:",
                "what suspicious behaviour may look like, and what it usually is not;",
                "how and where to report, including when unsure;",
                "what to do in an attack, for yourself and for the public around you;",
                "looking after yourself and colleagues afterwards.",
            ),
            quote(
                "I see the same streets every morning. Now I know who to tell when something is not right.",
                "Street cleaning supervisor",
            ),
        ],
        "published": "2021-06-22",
    },
    {
        "slug": "community-reassurance-playbook",
        "title": "Community reassurance after major incidents: a borough playbook",
        "summary": (
            "The playbook sets out what a borough does in the 72 hours after a major incident to reassure "
            "residents, counter rumours and support communities that may face hostility. It combines "
            "communication, visible presence and contact with community leaders."
        ),
        "phase": "recover",
        "themes": ["strategic-communication", "community-resilience"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2020-06-01",
        "last_verified": "2025-07-07",
        "audiences": "Borough communications, community engagement and ward councillors",
        "partners": [
            "Borough communications teams",
            "Neighbourhood policing",
            "Faith and community leaders",
            "Local media",
            "Schools",
        ],
        "budget": "Staff time only; the playbook is maintained by one communications officer.",
        "objectives": ul(
            "Reach residents quickly with accurate, consistent information.",
            "Prevent reprisals against communities wrongly associated with an attack.",
            "Show that public services are present and working.",
        ),
        "method": ol(
            "Within two hours: holding statement agreed with police, shared on all council channels.",
            "Within 24 hours: calls with faith and community leaders; visible presence of council staff and "
            "officers at key locations.",
            "Within 72 hours: community meetings where needed; information for schools and parents.",
            "After a week: review what was said, what worked and what rumours circulated.",
        ),
        "outcomes": p(
            "The playbook has been used after six incidents of different kinds. Reviews found that calls with "
            "community leaders were consistently the most useful step, and that schools needed material for "
            "children earlier than expected.",
        ),
        "lessons": ul(
            "Silence fills with rumours; say what you do not know yet.",
            "Councillors need a briefing before they are asked by residents.",
            "Children ask questions on the first school day after an incident; prepare teachers.",
        ),
        "transferability": p(
            "The playbook can be adapted by any local authority. The timings are a guide; the sequence matters "
            "more than the exact hours.",
        ),
        "body": [
            heading("The first hours"),
            paragraph(
                "After an attack, residents look first to national news and social media. The borough's role is "
                "to answer the local questions: is my street safe, are schools open, what is happening at the "
                "mosque or church down the road.",
            ),
            quote(
                "People wanted to know that the council was still running the library and collecting the bins. "
                "Normal services were part of the reassurance.",
                "Borough head of communications",
            ),
            callout(
                "Key lesson",
                "Agree your holding statements with the police in peacetime. It saves the first hour.",
            ),
        ],
        "published": "2021-02-15",
    },
    {
        "slug": "vehicle-mitigation-planning-temporary-events",
        "title": "Planning vehicle mitigation for temporary events in public space",
        "summary": (
            "A planning process that brings event organisers, highways engineers and security advisers together "
            "early, so that protection against vehicle attacks at markets, festivals and parades is designed in "
            "rather than added at the last minute."
        ),
        "phase": "protect",
        "themes": ["protection-of-crowded-places"],
        "status": "completed",
        "evaluation": "external",
        "start": "2017-05-01",
        "end": "2020-10-31",
        "audiences": "Event organisers, highways and events teams, safety advisory groups",
        "partners": [
            "Borough safety advisory groups",
            "Highways engineers",
            "Counter-terrorism security advisers",
            "Event organisers",
            "Transport authority",
        ],
        "budget": "Project officer at full time for three years; protective products hired per event by organisers.",
        "objectives": ul(
            "Bring vehicle mitigation into event planning at the first meeting of the safety advisory group.",
            "Keep emergency access and pedestrian flow working alongside protection.",
            "Share equipment and know-how between boroughs to lower costs.",
        ),
        "method": ol(
            "Events above a set size are flagged to the safety advisory group at least 12 weeks ahead.",
            "A site walk with organiser, highways and security adviser identifies vehicle approaches.",
            "Options are agreed in proportion to the assessed risk, with emergency access built in.",
            "A shared register lets boroughs borrow equipment and learn from similar events.",
        ),
        "outcomes": p(
            "Over the project period more than 400 events were planned through the process. The evaluation found "
            "that early involvement reduced last-minute changes and costs, and that organisers of smaller events "
            "relied most on the shared register.",
        ),
        "lessons": ul(
            "Twelve weeks is the minimum; recurring events should be planned a year ahead.",
            "Emergency access must be designed in at the same time, not checked afterwards.",
        ),
        "transferability": p(
            "The planning process transfers to any city with a safety advisory function. Technical details are "
            "shared only between security practitioners and are not part of this report.",
        ),
        "body": [
            heading("What the process changed"),
            paragraph(
                "Before, protection was often discussed in the last week before an event, when the layout was "
                "fixed. Moving the discussion to the first planning meeting gave organisers time to adapt "
                "layouts and budgets.",
            ),
            callout(
                "Note on detail",
                "This report covers the planning process only. It deliberately contains no technical specifications.",
            ),
        ],
        "members_only": True,
        "published": "2020-12-03",
    },
    {
        "slug": "local-economy-recovery-after-an-attack",
        "title": "Planning the recovery of the local economy after an attack",
        "summary": (
            "A borough-level plan for supporting businesses around the site of an attack: from access to "
            "cordoned premises and hardship grants to campaigns that bring visitors back. Developed with "
            "business groups and tested in a table-top exercise in 2025."
        ),
        "phase": "recover",
        "themes": ["crisis-management-and-recovery", "community-resilience"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2025-04-01",
        "audiences": "Council economic development teams, business improvement districts, traders",
        "partners": [
            "Borough economic development team",
            "Business improvement districts",
            "Local chambers of commerce",
            "Insurance industry representatives",
        ],
        "budget": "A project manager for 18 months and a contingency fund agreed in principle by the council.",
        "objectives": ul(
            "Keep businesses near the site afloat during cordons and closures.",
            "Bring footfall back without appearing to ignore what happened.",
        ),
        "method": ol(
            "Map the businesses and workers in each town centre and their contacts.",
            "Prepare grant schemes, business rate relief and advice that can open within a week.",
            "Agree with business groups how and when to invite visitors back.",
        ),
        "outcomes": p(
            "The plan was tested in a table-top exercise with traders in late 2025. The exercise showed that "
            "small businesses needed access to their premises sooner than the plan assumed. Results will be "
            "reported when the plan has been revised.",
        ),
        "lessons": ul(
            "Small traders often have no business continuity plan and no insurance for loss of access.",
            "Campaigns to bring visitors back must be agreed with the families of victims.",
        ),
        "transferability": p(
            "The plan builds on existing economic development tools. Most councils have them; the work is in "
            "preparing them to open quickly.",
        ),
        "body": [
            heading("Why the economy belongs in recovery planning"),
            paragraph(
                "After attacks in other European cities, businesses close to the site reported losing trade for "
                "months, some closing for good. Recovery plans focused on people and buildings, rarely on the "
                "livelihoods around them.",
            ),
            quote(
                "We were inside the cordon for nine days. Nobody told us when we could open or who would help.",
                "Café owner in another member city, speaking at a network workshop",
            ),
        ],
        "published": "2025-11-06",
    },
]
