"""Hosting periods become a snippet of their own, managed by the secretariat; the footer note becomes a fallback."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_navigation_settings"),
        ("resources", "0007_review_reminders"),
    ]

    operations = [
        migrations.AlterField(
            model_name="footersettings",
            name="host_city_note",
            field=models.CharField(
                blank=True,
                help_text="Shown only while no hosting period runs: the footer names the current host city itself (Hosting periods, in the admin menu).",
                max_length=255,
            ),
        ),
        migrations.CreateModel(
            name="HostingPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("start", models.DateField(help_text="First day of the term.")),
                (
                    "end",
                    models.DateField(
                        blank=True, help_text="Last day of the term; leave empty while it runs.", null=True
                    ),
                ),
                (
                    "handover_notes",
                    models.TextField(
                        blank=True,
                        help_text="For the secretariat only, never shown on the site: what the next host should know.",
                        max_length=5000,
                    ),
                ),
                (
                    "city",
                    models.ForeignKey(
                        help_text="The member city hosting the network and its secretariat.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hosting_terms",
                        to="resources.citypage",
                    ),
                ),
            ],
            options={
                "verbose_name": "hosting period",
                "ordering": ["start", "pk"],
            },
        ),
    ]
