"""Fill the portal with a realistic demo network. Safe to run again: only what is missing is created."""

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Site

from home.site_structure import ensure_site_structure
from resources.demo import build
from resources.demo.accounts import ACCOUNTS
from resources.demo.cities import CITIES
from resources.demo.documents import DOCUMENTS
from resources.demo.events import EVENTS
from resources.demo.practices import PRACTICES
from resources.demo.research import RESEARCH
from resources.demo.site import FEATURED, FOOTER, FOOTER_LINKS


class Command(BaseCommand):
    help = (
        "Create demo member cities, practices, research, events, documents, home page picks and footer, and "
        "(with DEBUG on) one demo account per role, holding that role, with a fresh password. Existing items are "
        "left as they are."
    )

    def handle(self, *args, **options):
        tally = build.Tally()
        cities = self.seed_content(tally)
        accounts = self.seed_accounts(cities, tally)
        self.report(tally, accounts)

    def seed_content(self, tally: build.Tally) -> dict:
        home, cities_index, research, events = ensure_site_structure()
        sections = {"cities": cities_index, "research": research, "events": events}
        for page in (home, *sections.values()):
            build.ensure_revision(page)
        cities = build.ensure_cities(cities_index, CITIES, tally)
        documents = build.ensure_documents(DOCUMENTS, cities, tally)
        build.ensure_practices(PRACTICES, cities, documents, tally)
        build.ensure_research(research, RESEARCH, cities, documents, tally)
        build.ensure_events(sections, EVENTS, cities, tally)
        build.ensure_featured(home, FEATURED, sections, tally)
        site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
        build.ensure_footer(site, FOOTER, tally)
        build.ensure_footer_links(site, FOOTER_LINKS, sections, tally)
        return cities

    def seed_accounts(self, cities: dict, tally: build.Tally) -> list[build.DemoAccount]:
        """One demo account per role, holding it, with a new password; none unless DEBUG is on."""
        if not settings.DEBUG:
            self.stdout.write(self.style.WARNING("Demo accounts skipped: DEBUG is off."))
            return []
        return [build.ensure_account(spec, cities, tally) for spec in ACCOUNTS]

    def report(self, tally: build.Tally, accounts: list[build.DemoAccount]) -> None:
        self.stdout.write(f"\n{'':<20} {'created':>8} {'existing':>9}")
        for kind, created, existing in tally.rows():
            self.stdout.write(f"{kind:<20} {created:>8} {existing:>9}")
        if accounts:
            self.report_accounts(accounts)
        self.stdout.write(self.style.SUCCESS("\nDemo content is in place."))

    def report_accounts(self, accounts: list[build.DemoAccount]) -> None:
        self.stdout.write("\nDemo accounts (passwords are new on every run and stored nowhere else):")
        self.stdout.write(f"{'email':<40} {'role':<30} {'admin':<6} password")
        for account in accounts:
            admin = "yes" if account.admin else "-"
            self.stdout.write(f"{account.email:<40} {account.role:<30} {admin:<6} {account.password}")
        self.stdout.write(
            "Accounts with admin access (admin: yes) set up an authenticator app (TOTP) at their first visit to "
            "/admin/; have one ready."
        )
