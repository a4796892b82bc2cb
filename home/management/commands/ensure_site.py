from django.core.management.base import BaseCommand

from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Create the home page and the Member cities, Research and Events sections if missing."

    def handle(self, *args, **options):
        home, *sections = ensure_site_structure()
        self.stdout.write(f"Site root: {home.title} ({', '.join(s.title for s in sections)})")
