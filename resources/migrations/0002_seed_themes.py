"""The network's starting taxonomy; the secretariat edits it under Snippets > Themes."""

from django.db import migrations

THEMES = [
    (
        "Multi-agency cooperation",
        "multi-agency-cooperation",
        "How police, emergency services, municipalities and private partners plan and act together.",
    ),
    (
        "Protection of crowded places",
        "protection-of-crowded-places",
        "Protective security for public spaces, venues, transport hubs and events.",
    ),
    (
        "Prevention of radicalisation and violent extremism",
        "prevention-of-radicalisation",
        "Early intervention, referral pathways and local prevention programmes.",
    ),
    (
        "Crisis management and recovery",
        "crisis-management-and-recovery",
        "Command and coordination during an attack, and the city's recovery afterwards.",
    ),
    (
        "Victim support",
        "victim-support",
        "Care for victims, families and witnesses, from the first hours to the long term.",
    ),
    (
        "Strategic communication",
        "strategic-communication",
        "Public warning and informing, countering rumours, communicating after an attack.",
    ),
    (
        "Community resilience",
        "community-resilience",
        "Engaging residents, civil society and businesses so communities hold together.",
    ),
    (
        "Training and exercises",
        "training-and-exercises",
        "Table-top and live exercises, staff training and evaluating what was learned.",
    ),
    (
        "Online threats",
        "online-threats",
        "Online radicalisation, disinformation and threats that start on the internet.",
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("resources", "Theme")
    for name, slug, description in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
