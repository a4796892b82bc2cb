"""Give existing cities their coordinators' and members' groups, and move
publishing from city editors to the secretariat's review workflow."""

from django.db import migrations

GROUPS = {"coordinators_group": "coordinators", "members_group": "members"}


def city_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    CityPage = apps.get_model("resources", "CityPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for city in CityPage.objects.all():
        for field, suffix in GROUPS.items():
            if getattr(city, f"{field}_id") is None:
                group, _ = Group.objects.get_or_create(name=f"{city.title} {suffix}")
                setattr(city, field, group)
        city.save(update_fields=list(GROUPS))
        if access_admin is not None:
            city.coordinators_group.permissions.add(access_admin)
        if city.editors_group_id:
            GroupPagePermission.objects.filter(
                group_id=city.editors_group_id, permission__codename="publish_page"
            ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0004_city_role_groups_and_expert_authors"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(city_groups, migrations.RunPython.noop)]
