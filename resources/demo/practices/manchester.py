"""Practices of Manchester."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "manchester"

PRACTICES = [
    {
        "slug": "protective-security-advice-for-small-venues",
        "title": "Protective security advice for small venue operators",
        "summary": (
            "Council licensing officers and counter-terrorism security advisers visit small venues together: "
            "pubs, music venues, community halls and places of worship. Each visit ends with a short, practical "
            "action list, and staff are offered free awareness training."
        ),
        "phase": "protect",
        "themes": ["protection-of-crowded-places", "training-and-exercises"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2019-05-01",
        "last_verified": "2026-03-18",
        "audiences": "Owners, managers and staff of venues holding up to 500 people",
        "partners": [
            "City council licensing team",
            "Counter-terrorism security advisers (police)",
            "Greater Manchester Fire and Rescue Service",
            "Night-time economy business association",
            "Faith leaders' forum",
        ],
        "budget": (
            "Two licensing officers spend about a fifth of their time on the visits; training is delivered by "
            "police advisers and a trained council officer. Printing and venue materials about GBP 6,000 a year."
        ),
        "objectives": ul(
            "Reach the venues that fall below the threshold for formal security requirements.",
            "Give operators advice they can act on without large costs.",
            "Make sure every member of staff knows how to report concerns and what to do in an attack.",
        ),
        "method": ol(
            "Venues are prioritised using licensing data, capacity and the calendar of events.",
            "A joint visit of about an hour covers people, procedures and the building, in that order.",
            "The operator receives a one-page action list within a week, and a checklist to keep.",
            "Staff are offered a 45-minute awareness session at the venue, at a time that suits shift work.",
            "A light-touch follow-up call after six months asks what has been done.",
        ),
        "outcomes": p(
            "More than 900 venues have been visited since 2019 and some 5,200 staff trained. The external "
            "evaluation found that two-thirds of venues had carried out at least three of their actions after "
            "six months, most often staff briefings and a written plan for evacuating or sheltering.",
        ),
        "lessons": ul(
            "Start with people and procedures; operators switch off when visits start with expensive equipment.",
            "Joint visits with licensing officers get through doors that police visits alone do not.",
            "Casual and agency staff are hardest to reach; short sessions at shift changes work best.",
        ),
        "transferability": p(
            "The approach needs access to licensing data and a working relationship between licensing and "
            "police advisers. The checklist is attached and is free to adapt; it contains general advice only.",
        ),
        "body": [
            heading("The gap we set out to close"),
            paragraph(
                "Large stadiums and arenas have security teams and formal plans. A room above a pub with 200 "
                "people at a gig often has neither. Venue operators told us they wanted advice but did not know "
                "whom to ask, and feared that asking would cost them money or their licence.",
            ),
            quote(
                "The visit was about my staff, not about buying cameras. That is why I signed up for the training.",
                "Manager of a live music venue",
            ),
            heading("How a visit runs"),
            bullets(
                "Each visit covers three things, in this order:",
                "people: who is on duty, who would decide, how staff report concerns;",
                "procedures: the plan to evacuate, to shelter inside, and to contact the emergency services;",
                "the building: exits, places to shelter, and how messages reach every room.",
            ),
            callout(
                "Key lesson",
                "Keep the action list to one page. Operators act on five clear points; they file a ten-page report.",
            ),
        ],
        "attachments": [("manchester-venue-checklist", "Checklist for small venues (PDF)")],
        "published": "2020-09-08",
    },
    {
        "slug": "long-term-support-hub",
        "title": "A long-term support hub for people affected by a terrorist incident",
        "summary": (
            "The support hub offers anyone affected by an attack, whether injured, bereaved, a witness or a "
            "responder, a single point of contact for practical and psychological support for as long as they "
            "need it. Its caseworkers coordinate health, council, legal and charity services."
        ),
        "phase": "recover",
        "themes": ["victim-support", "community-resilience"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2018-01-08",
        "last_verified": "2026-01-30",
        "audiences": "People affected by an attack and their families, in the city region and beyond",
        "partners": [
            "NHS mental health trust (specialist trauma service)",
            "City council adult and children's services",
            "Victim support charities",
            "Police family liaison",
            "Universities' student support services",
        ],
        "budget": (
            "A manager, six caseworkers and two clinical psychologists at the peak; four caseworkers now. Funded "
            "jointly by the health system and the council, with national grants in the first three years."
        ),
        "objectives": ul(
            "Contact everyone affected, not only those who ask for help.",
            "Provide one caseworker per person or family, who stays with them over time.",
            "Screen for trauma symptoms and get people into evidence-based treatment quickly.",
        ),
        "method": ol(
            "People are registered through the hub's phone line, website, and outreach at community events.",
            "Everyone registered is offered screening for trauma symptoms and a caseworker.",
            "Caseworkers arrange practical help: finance, housing, employment, education and legal processes.",
            "Screening is repeated at set points, and around anniversaries and court dates.",
        ),
        "outcomes": p(
            "Over 3,000 people have registered with the hub, including many who lived outside the city region. "
            "About half screened positive for significant trauma symptoms at first contact; of those who took up "
            "treatment, most showed clinically meaningful improvement. The external evaluation highlighted that "
            "a third of registrations came more than a year after the incident.",
        ),
        "lessons": ul(
            "Outreach matters: many people did not see themselves as victims, especially responders and young people.",
            "Keep registration open for years, not months.",
            "Inquests, trials and anniversaries bring new demand; plan staff for them.",
        ),
        "transferability": p(
            "Cities can prepare a hub model before an incident: the agreements between health and council, data "
            "sharing, and a plan for staffing it within days. The hub's operating model is shared with network "
            "members on request.",
        ),
        "body": [
            heading("Why one point of contact"),
            paragraph(
                "After a mass-casualty incident, affected people meet dozens of organisations. Many told us that "
                "retelling their story each time was among the hardest parts of the first year.",
            ),
            quote(
                "I did not think I counted. I was not hurt. It took me eighteen months to call, and they still "
                "answered.",
                "Witness who registered with the hub",
            ),
            heading("Reaching people who do not come forward"),
            paragraph(
                "The hub worked with schools, colleges and employers to reach young people and staff, and sent "
                "caseworkers to community events. Registration numbers rose after every outreach campaign, "
                "even years later.",
            ),
            callout(
                "For other cities",
                "Agree data sharing between health, police and council in advance. Without it, the first weeks "
                "are spent trying to find out who was affected.",
            ),
        ],
        "published": "2019-05-21",
    },
    {
        "slug": "community-tension-monitoring",
        "title": "Community tension monitoring with faith and civic partners",
        "summary": (
            "A fortnightly picture of tensions between communities is built from reports by council services, "
            "police, schools, faith and community organisations. It helps partners act early, and it is stepped "
            "up to daily reporting after incidents at home or abroad that may trigger reprisals."
        ),
        "phase": "anticipate",
        "themes": ["community-resilience", "prevention-of-radicalisation", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2020-09-01",
        "last_verified": "2025-10-21",
        "audiences": "Community cohesion teams, neighbourhood police, faith and civic organisations",
        "partners": [
            "City council community cohesion team",
            "Neighbourhood policing",
            "Interfaith forum",
            "Schools and colleges",
            "Housing associations",
            "Voluntary sector network",
        ],
        "budget": (
            "One analyst and a cohesion officer in each of four neighbourhoods; partners report in their own time."
        ),
        "objectives": ul(
            "Notice rising tensions early, before they lead to incidents.",
            "Share a common picture with partners, instead of each holding a piece.",
            "Reassure communities quickly after a trigger event.",
        ),
        "method": ol(
            "Partners send short reports through a simple online form, or by phone to their cohesion officer.",
            "The analyst combines reports with hate-crime data and a scan of local online discussion.",
            "A fortnightly summary rates tensions by neighbourhood and lists actions, with owners.",
            "After a trigger event, reporting becomes daily and a call with faith leaders is held within 24 hours.",
        ),
        "outcomes": p(
            "In its first five years the process produced about 130 regular summaries and 14 stepped-up "
            "periods. Partners identified several planned protests and counter-protests early enough to "
            "arrange dialogue and policing. The internal review found the faith leaders' calls the most valued "
            "part.",
        ),
        "lessons": ul(
            "Partners keep reporting only if they see the summary and what was done with their reports.",
            "Online signals are noisy; they need confirmation from people on the ground.",
            "Information about individuals does not belong in a tension picture and is handled separately.",
        ),
        "transferability": p(
            "The model needs trust between council, police and communities more than it needs technology. "
            "Cities should agree what the picture will not be used for before starting.",
        ),
        "body": [
            heading("Why we set it up"),
            paragraph(
                "Incidents abroad repeatedly led to spikes in hate crime in the city within days. Partners each "
                "saw a piece of this, but nobody put the pieces together quickly enough to reassure the "
                "communities concerned.",
            ),
            quote(
                "The call the morning after meant I could tell my congregation what the council and police were "
                "doing, before the rumours did it for me.",
                "Member of the interfaith forum",
            ),
            callout(
                "Handling information",
                "The tension picture describes places and trends, never individuals. Concerns about a person "
                "are referred through the safeguarding and prevention routes.",
            ),
        ],
        "members_only": True,
        "published": "2021-06-09",
    },
    {
        "slug": "recovery-coordination-group",
        "title": "A standing recovery coordination group",
        "summary": (
            "Instead of setting up recovery structures from scratch after an emergency, the city region now has a "
            "standing recovery coordination group that meets quarterly, keeps a recovery plan current and "
            "exercises the handover from the emergency response."
        ),
        "phase": "recover",
        "themes": ["crisis-management-and-recovery", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2023-03-01",
        "audiences": "Local authority chief officers, health, business and voluntary sector partners",
        "partners": [
            "Greater Manchester Resilience Forum",
            "The ten local authorities",
            "Health and care partnership",
            "Business growth hub",
            "Voluntary sector organisations",
        ],
        "budget": "Chaired by a council director; secretariat from the resilience unit. No dedicated budget.",
        "objectives": ul(
            "Have recovery leadership in place on day one, not day ten.",
            "Plan the handover from response to recovery in advance.",
            "Bring economic and community recovery into the same room as humanitarian support.",
        ),
        "method": ol(
            "Quarterly meetings review the recovery plan and lessons from incidents elsewhere.",
            "A recovery lead is named for each emergency as soon as it is declared.",
            "The handover is exercised once a year as part of a wider exercise.",
            "Sub-groups for humanitarian, economic, community and environmental recovery keep contact lists current.",
        ),
        "outcomes": p(
            "The group has been used for two local emergencies since 2023, both unrelated to terrorism: a major "
            "fire and widespread flooding. In both, recovery leadership was in place within 24 hours. A formal "
            "evaluation is planned for 2027.",
        ),
        "lessons": ul(
            "Business partners were the hardest to keep engaged between emergencies.",
            "The handover exercise exposed that the emergency phase kept little usable data on affected people.",
        ),
        "transferability": p(
            "Any city with a resilience partnership can set up such a group. What it needs most is a senior chair "
            "with authority across organisations.",
        ),
        "body": [
            heading("The problem with ad-hoc recovery"),
            paragraph(
                "Reviews of past incidents showed that recovery started late and slowly, because it had to be "
                "organised while the response was still running. Key decisions about reopening, support and "
                "memorials were taken by whoever happened to be available.",
            ),
            callout(
                "First-year review",
                "Attendance held up well among public bodies. The group is now working on keeping business and "
                "voluntary sector partners involved between emergencies.",
            ),
        ],
        "members_only": True,
        "published": "2024-04-17",
    },
    {
        "slug": "night-time-economy-volunteer-liaison",
        "title": "Volunteer liaison in the night-time economy",
        "summary": (
            "A two-year pilot placed trained volunteers at a liaison point in the city centre on Friday and "
            "Saturday nights, to help vulnerable people and pass concerns to venue staff and police. The pilot "
            "was discontinued in 2021; this report explains why."
        ),
        "phase": "protect",
        "themes": ["community-resilience", "protection-of-crowded-places"],
        "status": "discontinued",
        "evaluation": "none",
        "start": "2019-04-01",
        "end": "2021-03-31",
        "audiences": "Night-time visitors, venue staff, volunteers",
        "partners": [
            "City centre business improvement district",
            "Volunteer organisation",
            "Neighbourhood policing",
            "Ambulance service",
        ],
        "budget": "A coordinator at half time and about 40 volunteers; funded by the business improvement district.",
        "objectives": ul(
            "Offer help to vulnerable people late at night.",
            "Add more eyes and ears to the busiest streets, linked to venue staff and police.",
        ),
        "method": ol(
            "Volunteers were trained in first aid, de-escalation and reporting concerns.",
            "They staffed a liaison point and walked set routes in pairs, with a radio link to venue security.",
        ),
        "outcomes": p(
            "Volunteers helped around 1,400 people in the first year, mostly with welfare issues. The pilot was "
            "suspended during the pandemic and not restarted: volunteer numbers had fallen, and partners judged "
            "the welfare role better served by the existing street services.",
        ),
        "lessons": ul(
            "Welfare and security roles should not be mixed; volunteers were uneasy about reporting concerns.",
            "Volunteer schemes need a long-term funder before they start.",
        ),
        "transferability": p(
            "We would not recommend the pilot in this form. Cities considering something similar should keep "
            "the welfare role separate and link it to existing outreach services.",
        ),
        "body": [
            heading("Why we report a discontinued practice"),
            paragraph(
                "Network members asked for reports of what did not work as well as what did. The pilot was well "
                "liked by visitors, but it tried to do two things at once.",
            ),
            quote(
                "We were there to help people get home safely. Being asked to look out for suspicious behaviour "
                "as well made some of us uncomfortable.",
                "Former volunteer",
            ),
        ],
        "published": "2021-10-12",
    },
]
