"""Practices of Helsinki."""

from resources.demo.text import callout, heading, ol, p, paragraph, quote, ul

CITY = "helsinki"

PRACTICES = [
    {
        "slug": "city-wide-preparedness-exercise-with-businesses",
        "title": "A city-wide preparedness exercise with the business community",
        "summary": (
            "In spring 2024 the city ran a week-long preparedness exercise in which more than 200 businesses, "
            "organisations and city services tested their plans against a scenario of several simultaneous "
            "incidents. Participants chose their own level of involvement, from a discussion to a full drill."
        ),
        "phase": "anticipate",
        "themes": ["training-and-exercises", "community-resilience", "multi-agency-cooperation"],
        "status": "completed",
        "evaluation": "external",
        "start": "2023-10-01",
        "end": "2024-05-31",
        "audiences": "Businesses, associations, city divisions, residents' associations",
        "partners": [
            "City of Helsinki preparedness unit",
            "Helsinki City Rescue Department",
            "Helsinki Police Department",
            "Chamber of commerce",
            "National emergency supply organisation",
            "Voluntary rescue service association",
        ],
        "budget": "Project manager and two planners for eight months; EUR 95,000 including the external evaluation.",
        "objectives": ul(
            "Involve businesses and organisations in the city's preparedness, in line with comprehensive security.",
            "Let each participant test its own plans in a shared scenario.",
            "Find dependencies between city services and private partners.",
        ),
        "method": ol(
            "A scenario of simultaneous incidents was published in three stages over one week.",
            "Participants chose a level: discussion, table-top exercise, or a drill at their premises.",
            "A simple kit helped small businesses run their own discussion in an hour.",
            "All participants reported lessons through a short online form.",
        ),
        "outcomes": p(
            "Some 230 organisations took part, two-thirds of them private businesses. The external evaluation "
            "found that most had updated their plans afterwards, and that the exercise revealed dependencies on "
            "a few critical suppliers that the city had not been aware of.",
        ),
        "lessons": ul(
            "Letting participants choose their level brought in many who would not join a classic exercise.",
            "The one-hour kit was the most downloaded product.",
            "Collecting lessons needs to be as simple as taking part.",
        ),
        "transferability": p(
            "The format suits cities that want to involve businesses and civil society widely. It requires good "
            "relations with the chamber of commerce and a modest planning team.",
        ),
        "body": [
            heading("Comprehensive security in practice"),
            paragraph(
                "In Finland, preparedness is seen as a task for the whole of society. The city wanted to turn "
                "that principle into something concrete for a small business owner or a sports club.",
            ),
            quote(
                "We spent an hour around the coffee table with the kit. It was the first time we talked about what "
                "we would do if the staff could not get to work.",
                "Owner of a family bakery",
            ),
            callout(
                "Key lesson",
                "Make the smallest level of participation very easy. Most learning happened there.",
            ),
        ],
        "published": "2024-09-19",
    },
    {
        "slug": "online-threats-against-municipal-staff",
        "title": "Early warning of online threats against municipal staff",
        "summary": (
            "A small team receives reports from staff and managers about online threats and harassment aimed at "
            "city employees, assesses them with the police, and arranges support and protection. The service "
            "started in 2025 after threats against staff rose sharply."
        ),
        "phase": "anticipate",
        "themes": ["online-threats", "victim-support"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2025-02-01",
        "last_verified": "2026-08-26",
        "audiences": "City employees, managers, occupational safety staff",
        "partners": [
            "City human resources",
            "Occupational safety and health",
            "Helsinki Police Department",
            "Legal services",
        ],
        "budget": "Two specialists and a legal adviser at part time.",
        "objectives": ul(
            "Make it easy for staff to report online threats.",
            "Assess threats quickly and consistently with the police.",
            "Support targeted employees and their managers.",
        ),
        "method": ol(
            "Staff or managers report via a form or a phone line.",
            "The team assesses the threat within one working day, with the police where needed.",
            "Support may include removing personal details online, legal advice and changes to duties.",
        ),
        "outcomes": p(
            "In the first year the team handled about 140 reports, most concerning staff in social services, "
            "schools and building control. An evaluation will start in 2027.",
        ),
        "lessons": ul(
            "Staff under-report; managers need to encourage reporting.",
            "Removing personal information from online sources takes longer than expected.",
        ),
        "transferability": p(
            "Any large employer can set up a similar service. It depends on a working contact with the police "
            "and clear legal support for employees.",
        ),
        "body": [
            heading("Why the city acted"),
            paragraph(
                "Staff making decisions that affect people's lives, in child protection or building permits, "
                "increasingly faced coordinated online harassment. Some cases crossed into threats of violence.",
            ),
            callout(
                "Note",
                "This report describes the service. Details of individual cases and of assessment criteria are "
                "not published.",
            ),
        ],
        "members_only": True,
        "published": "2025-10-02",
    },
]
