"""manage.py search_index rebuild|status|update: the search index's lifecycle.

Elasticsearch's (search.lifecycle) when ``ELASTICSEARCH_URL`` is set, else (or with
``--database``) the database's own (search.dbindex)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search import dbindex, es, lifecycle

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "rebuild: fill a new index from the database and swap the alias to it (searches answer throughout); "
        "status: compare the index with the database (exits 1 if they differ); "
        "update: rewrite the pages status finds missing, stale or extra."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="rebuild|status|update")
        for name, help_text in (
            ("rebuild", "Build a new index and swap the alias to it."),
            ("status", "Count pages missing from, stale in or extra in the index."),
            ("update", "Repair what status reports."),
        ):
            action = actions.add_parser(name, help=help_text)
            action.add_argument(
                "--database", action="store_true", help="The database's own index, even when Elasticsearch is on."
            )

    def handle(self, *args, action, database=False, **options):
        self.database = database or not es.enabled()
        getattr(self, action)()

    def rebuild(self):
        started = time.monotonic()
        progress = Progress(self.stderr, started)
        if self.database:
            name, count = "the database index", dbindex.rebuild(progress=progress)
        else:
            name, count = lifecycle.rebuild(progress)
        progress.finish()
        seconds = time.monotonic() - started
        self.stdout.write(f"Rebuilt {name}: {count} pages in {seconds:.1f} s ({count / max(seconds, 1e-6):.0f} docs/s)")

    def compare(self) -> lifecycle.Comparison:
        return dbindex.compare() if self.database else lifecycle.compare()

    def status(self):
        comparison = self.compare()
        self.report(comparison)
        if comparison.differences:
            raise CommandError(f"The index differs from the database on {len(comparison.differences)} pages.")

    def update(self):
        comparison = self.compare()
        self.report(comparison)
        if self.database:
            dbindex.write(comparison.differences, extract=True)
        else:
            lifecycle.repair(comparison.differences)
        self.stdout.write(f"Rewrote {len(comparison.differences)} pages. Now:")
        self.report(self.compare())

    def report(self, comparison: lifecycle.Comparison):
        self.stdout.write(f"Database: {comparison.expected} pages to index; index: {comparison.indexed} documents")
        for label in ("missing", "stale", "extra"):
            ids = getattr(comparison, label)
            shown = ", ".join(str(pk) for pk in ids[:SHOWN_IDS]) + (" ..." if len(ids) > SHOWN_IDS else "")
            self.stdout.write(f"{label.capitalize()}: {len(ids)}" + (f" (page ids {shown})" if ids else ""))


class Progress:
    """One line on stderr: pages done of all, and documents per second; redrawn in place on a terminal."""

    def __init__(self, stream, started: float):
        self.stream, self.started = stream, started
        self.in_place = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-6)
        line = f"{done}/{total} pages ({100 * done // max(total, 1)}%), {rate:.0f} docs/s"
        self.stream.write(("\r" + line) if self.in_place else line, ending="" if self.in_place else "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.in_place:
            self.stream.write("")
