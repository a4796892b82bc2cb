"""manage.py send_search_alerts: email each due saved search's new matches (alerts.digest).

Run it from cron every 10 minutes; runs that overlap or repeat send nothing twice. It
exits with status 1 when any email could not be sent (those are tried again next run).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from alerts.digest import send_due


class Command(BaseCommand):
    help = "Email the new matches of saved searches that are due (immediate ones, weekly ones after a week)."

    def handle(self, *args, **options):
        with translation.override(None):  # the portal's default language (settings.LANGUAGE_CODE)
            outcome = send_due()
        summary = ", ".join(f"{count} {result}" for result, count in sorted(outcome.counts.items()))
        self.stdout.write(f"Saved searches: {summary or 'none due'}.")
        if outcome.failed:
            raise CommandError(f"{outcome.failed} alert emails could not be sent; the next run tries them again.")
