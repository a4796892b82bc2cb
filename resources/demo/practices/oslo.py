"""Practices of Oslo (a member until 2023)."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "oslo"

PRACTICES = [
    {
        "slug": "reception-centre-for-relatives",
        "title": "A reception centre for relatives and next of kin",
        "summary": (
            "Oslo prepared a model for opening a reception centre for relatives within two hours of a "
            "mass-casualty incident. The centre gives families a safe place, information from one source, and "
            "early psychosocial support, and links them with police identification work."
        ),
        "phase": "respond",
        "themes": ["victim-support", "crisis-management-and-recovery"],
        "status": "completed",
        "evaluation": "external",
        "start": "2019-06-01",
        "end": "2022-12-31",
        "audiences": "Emergency management, health and social services, police family liaison",
        "partners": [
            "Oslo emergency management agency",
            "Municipal crisis teams (psychosocial)",
            "Oslo Police District",
            "Red Cross",
            "Hotel and conference venues",
        ],
        "budget": "Planning project of three years; agreements with three venues; about 150 staff trained.",
        "objectives": ul(
            "Open a reception centre within two hours, at a suitable venue.",
            "Give relatives reliable information from one source, at set times.",
            "Protect families from media and the public.",
        ),
        "method": ol(
            "Agreements with venues that can be made available at short notice.",
            "A staffing plan drawing on municipal crisis teams and volunteers.",
            "Regular briefings for families, coordinated with the police.",
            "Exercises twice a year, once with volunteers playing relatives.",
        ),
        "outcomes": p(
            "The model was exercised six times and used once in a real incident. The external evaluation found "
            "that families valued regular briefings even when there was little new to say, and that the "
            "handover to long-term follow-up needed strengthening.",
        ),
        "lessons": ul(
            "Brief families at fixed times, even without news.",
            "Volunteers need clear limits on what they may say.",
            "Plan the end: families need to know where support continues when the centre closes.",
        ),
        "transferability": p(
            "The model is easy to adapt and has been taken up by two other network cities. Venue agreements and "
            "trained staff are the essentials.",
        ),
        "body": [
            heading("Why families need a place"),
            paragraph(
                "Reviews of past incidents showed relatives gathering at hospitals and the scene, seeking news "
                "from anyone, and learning of deaths through the media. A dedicated reception centre gives them "
                "protection and reliable information.",
            ),
            bullets(
                "What a reception centre offers:",
                "a calm place away from the scene and the media;",
                "registration, so the police can reach families quickly;",
                "briefings at fixed times;",
                "psychosocial support and practical help.",
            ),
            quote(
                "Knowing there would be a briefing at the top of every hour made the waiting bearable.",
                "Relative, speaking at a network workshop",
            ),
            callout(
                "Oslo's membership",
                "Oslo left the network at the end of 2023. This report remains available with the city's agreement.",
            ),
        ],
        "published": "2023-03-21",
    },
]
