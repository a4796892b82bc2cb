"""The role groups that are not tied to a city. City coordinators, editors and
members get groups of their own with each city (resources.permissions)."""

from django.db import migrations


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Invited expert")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_invitations_profiles_audit")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
