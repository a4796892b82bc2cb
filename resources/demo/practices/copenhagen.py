"""Practices of Copenhagen."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "copenhagen"

PRACTICES = [
    {
        "slug": "schools-social-services-police-cooperation",
        "title": "Schools, social services and police: local cooperation on young people at risk",
        "summary": (
            "Copenhagen builds its prevention of extremism on the long-standing cooperation between schools, "
            "social services and police in each district. A specialist team advises the local groups when "
            "concerns involve extremism, and offers mentoring and family support."
        ),
        "phase": "prevent",
        "themes": ["prevention-of-radicalisation", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2018-03-01",
        "last_verified": "2026-01-16",
        "audiences": "Teachers, social workers, youth club staff, local police, parents",
        "partners": [
            "District cooperation groups (schools, social services, police)",
            "Municipal prevention and anti-extremism team",
            "Copenhagen Police",
            "Youth clubs",
            "Parents' networks",
        ],
        "budget": (
            "The specialist team has five advisers and a pool of 20 trained mentors; local groups use existing staff."
        ),
        "objectives": ul(
            "Handle concerns about extremism in the same local structures that handle other concerns about "
            "young people.",
            "Give professionals quick access to specialist advice.",
            "Offer young people and families support rather than control.",
        ),
        "method": ol(
            "A professional raises a concern with the district cooperation group.",
            "The group consults the specialist team, which helps assess the concern within a week.",
            "Support is agreed: mentoring, family guidance, or ordinary youth services.",
            "The team and the local group follow up together; cases are closed when the concern is resolved.",
        ),
        "outcomes": p(
            "The specialist team advises on about 80 concerns a year. The external evaluation found that most "
            "were resolved with ordinary support, that professionals valued fast advice, and that mentoring "
            "worked best when mentors were matched on interests rather than background.",
        ),
        "lessons": ul(
            "Building on existing cooperation avoids a separate, stigmatising track.",
            "Parents are the most important partners and the hardest to reach early.",
            "Training for the local groups must be repeated as staff change.",
        ),
        "transferability": p(
            "The model depends on a tradition of local cooperation between schools, social services and police. "
            "Where that does not exist, the specialist advice function can still be set up on its own.",
        ),
        "body": [
            heading("Building on what works"),
            paragraph(
                "The district cooperation groups have worked on crime prevention among young people for decades. "
                "When concerns about extremism grew, the city chose to strengthen these groups rather than build "
                "a parallel system.",
            ),
            quote(
                "We already knew the family and the school. What we needed was someone to help us understand what "
                "we were seeing online.",
                "Social worker in a district cooperation group",
            ),
            callout(
                "Key lesson",
                "Specialist advice within days keeps ordinary professionals in charge of the case, where they belong.",
            ),
        ],
        "published": "2019-09-17",
    },
    {
        "slug": "protective-security-in-public-space-design",
        "title": "Protective security in the design review of new streets and squares",
        "summary": (
            "Every major public space project in the city passes a design review that includes protective "
            "security. Planners, landscape architects and security advisers look for solutions that protect "
            "crowds while keeping spaces open, green and pleasant."
        ),
        "phase": "protect",
        "themes": ["protection-of-crowded-places", "community-resilience"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2021-04-01",
        "last_verified": "2025-08-19",
        "audiences": "Urban planners, landscape architects, project managers",
        "partners": [
            "Technical and Environmental Administration",
            "Copenhagen Police, crime prevention",
            "Private architecture firms",
            "Local residents' councils",
        ],
        "budget": "A protective security adviser at half time within the planning department.",
        "objectives": ul(
            "Consider protective security at the start of design, when it costs least.",
            "Integrate protection into benches, planters, trees and levels rather than barriers.",
            "Keep public spaces accessible for all, including people with disabilities.",
        ),
        "method": ol(
            "Projects above a set size are flagged at the start of the design phase.",
            "The adviser joins the design review meeting with a short assessment of the site's use.",
            "Options are tested against accessibility, maintenance and emergency access.",
            "The design team documents how protection was addressed.",
        ),
        "outcomes": p(
            "Around 30 projects have been through the review. Designers report that early involvement avoided "
            "costly changes late in projects. The city plans a review of completed sites with users in 2027.",
        ),
        "lessons": ul(
            "Landscape architects are natural allies; good design and protection often coincide.",
            "Maintenance teams must be involved, or integrated features end up removed.",
        ),
        "transferability": p(
            "Any city with a design review process can add protective security to it. The key is a trained "
            "adviser who speaks the language of designers.",
        ),
        "body": [
            heading("Protection people do not notice"),
            paragraph(
                "Temporary barriers placed after attacks in European cities often stayed for years and changed "
                "how public spaces felt. The city wanted new spaces to be protected without looking fortified.",
            ),
            bullets(
                "Questions asked in every review:",
                "How is the space used, by whom and when are the busiest times?",
                "Where do people gather, and how do they leave in a hurry?",
                "Can protection be part of features the space needs anyway?",
                "Is the space still accessible and easy to maintain?",
            ),
        ],
        "published": "2022-08-30",
    },
]
