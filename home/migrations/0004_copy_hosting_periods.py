"""Copy the hosting periods kept until now on each city page (resources.HostingPeriod,
which the city's own editors could change) into home.HostingPeriod, which only the
secretariat manages. Terms that overlapped are copied as they were: the overlap check
applies when the secretariat next edits one of them."""

from django.db import migrations


def copy_periods(apps, schema_editor):
    OldPeriod = apps.get_model("resources", "HostingPeriod")
    NewPeriod = apps.get_model("home", "HostingPeriod")
    if NewPeriod.objects.exists():
        return
    old = OldPeriod.objects.order_by("start", "pk")
    NewPeriod.objects.bulk_create(NewPeriod(city_id=p.city_id, start=p.start, end=p.end) for p in old)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_hosting_period")]
    operations = [migrations.RunPython(copy_periods, migrations.RunPython.noop)]
