"""manage.py send_review_reminders [--dry-run]

Emails each current member city's editors and coordinators the city's practices
that are due for review (resources.reviews). Run it from cron on the first of
the month; it sends at most one reminder per city and calendar month, so running
it again (or daily) sends nothing twice. It exits 1 if sending failed for a city.
"""

from django.core.management.base import BaseCommand, CommandError

from resources import reviews


class Command(BaseCommand):
    help = "Email each city's editors the practices due for review; at most once per city and month."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be sent, and send nothing.")

    def handle(self, *args, dry_run, **options):
        self.stdout.write(f"Review period: {reviews.review_months()} months.{' Dry run: nothing is sent.' * dry_run}")
        results = reviews.send_monthly_reminders(dry_run=dry_run)
        for result in results:
            self.stdout.write(f"{result.city.title}: {self.outcome(result)}")
        sent = sum(result.outcome is reviews.Outcome.SENT for result in results)
        self.stdout.write(f"Reminders sent for {sent} cit{'y' if sent == 1 else 'ies'}.")
        failed = [result.city.title for result in results if result.outcome is reviews.Outcome.FAILED]
        if failed:
            raise CommandError(f"Sending failed for {', '.join(failed)}; run the command again to retry.")

    @staticmethod
    def outcome(result) -> str:
        if result.outcome is reviews.Outcome.NOTHING_DUE:
            return "nothing due."
        due = f"{result.practices} practice{'s' if result.practices != 1 else ''} due"
        if result.outcome in (reviews.Outcome.SENT, reviews.Outcome.WOULD_SEND):
            people = "1 person" if result.recipients == 1 else f"{result.recipients} people"
            return f"{due}, {result.outcome.value} {people}."
        return f"{due}, {result.outcome.value}."
