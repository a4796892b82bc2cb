"""Delete search counts older than SEARCH_ANALYTICS_DAYS (a daily cron job; searches also do it once a day)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from insights import analytics


class Command(BaseCommand):
    help = "Delete the daily search counts older than SEARCH_ANALYTICS_DAYS days (all of them when it is 0)."

    def handle(self, *args, **options):
        deleted = analytics.purge()
        if analytics.enabled():
            first = analytics.first_kept_day()
            kept = f"kept from {first:%Y-%m-%d} ({settings.SEARCH_ANALYTICS_DAYS} days)"
        else:
            kept = "none kept: SEARCH_ANALYTICS_DAYS is 0"
        self.stdout.write(f"Deleted {deleted} daily search count(s); {kept}.")
