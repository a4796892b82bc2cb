"""docs/reliability.md, written by the test run.

Each drill of the reliability issue is one test module. While the suite runs, this
plugin counts the checks each drill made (tests and subtests), how many failed and
how long it took; a drill's tests add their own figures (cases tried, recovery
times) through the ``drill`` fixture. At the end of the run the drills that ran are
updated in docs/reliability.json and docs/reliability.md is rendered from it, so
the page always shows each drill's latest whole run, with its date (a module run in
part, with -k or -m, keeps its figures from before).

    def test_outage(drill):
        ...
        drill.figure("recovered in", f"{seconds:.1f} s")
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _pytest.subtests import SubtestReport

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA, PAGE = DOCS / "reliability.json", DOCS / "reliability.md"


@dataclass(frozen=True)
class Drill:
    key: str
    module: str
    title: str
    what: str


DRILLS = [
    Drill(
        "leaks",
        "tests/portal/test_leak_matrix.py",
        "Leak matrix",
        "Ten roles ask for seventeen items of public and restricted content on every surface "
        "(pages, listings, search on both backends, API, feeds, calendars, documents, images, admin). "
        "A failed check is a leak.",
    ),
    Drill(
        "hostile",
        "tests/portal/test_hostile_input.py",
        "Hostile input",
        "Generated input (hypothesis) to every public form, URL parameter and upload: never a 5xx, nothing unescaped.",
    ),
    Drill(
        "stored-xss",
        "tests/portal/test_stored_xss.py",
        "Stored markup",
        "Script payloads saved in rich text, StreamField blocks, titles, documents and profiles "
        "come out escaped on pages, listings, search highlights, feeds, the API and the admin.",
    ),
    Drill(
        "uploads",
        "tests/portal/test_document_uploads.py",
        "Uploads",
        "Only allowed types, content sniffed, size capped; bombs are read in a capped process.",
    ),
    Drill(
        "attachments",
        "tests/search/test_attachments.py",
        "Attachment text",
        "Text of PDF, DOCX and plain-text files read in a process with a timeout and a memory cap; "
        "zip and decompression bombs refused.",
    ),
    Drill(
        "es-outage",
        "tests/search/test_outage.py",
        "Elasticsearch killed",
        "The search node is killed during publishes and searches; readers get database results, "
        "editors keep saving, and the queued updates land once it is back.",
    ),
    Drill(
        "db-outage",
        "tests/portal/test_database_outage.py",
        "PostgreSQL restarted",
        "PostgreSQL stops under load: requests fail fast with 503 and recover without restarting the portal.",
    ),
    Drill(
        "worker",
        "tests/search/test_worker_crash.py",
        "Task worker killed",
        "The index worker is killed in the middle of a batch; on restart every queued update is applied once.",
    ),
    Drill(
        "cluster",
        "tests/search/test_cluster.py",
        "Elasticsearch node lost",
        "A three-node cluster with one replica loses the node holding the primary; "
        "every search stays complete and the cluster returns to green.",
    ),
    Drill(
        "backup",
        "tests/portal/test_backup_restore.py",
        "Backup and restore",
        "A backup is restored into a fresh database and media folder; every page, document and account is there.",
    ),
]
BY_MODULE = {drill.module: drill for drill in DRILLS}


@dataclass
class Run:
    checks: int = 0
    failures: int = 0
    seconds: float = 0.0
    figures: dict[str, str] = field(default_factory=dict)


class Figures:
    """What one drill's tests record beside the plugin's own counts."""

    def __init__(self, run: Run | None):
        self.run = run

    def figure(self, name: str, value) -> None:
        if self.run is not None:
            self.run.figures[name] = str(value)


class Collector:
    def __init__(self):
        self.runs: dict[str, Run] = {}
        self.partial: set[str] = set()

    def run_for(self, nodeid: str) -> Run | None:
        drill = BY_MODULE.get(nodeid.split("::")[0])
        if drill is None:
            return None
        return self.runs.setdefault(drill.key, Run())

    def pytest_runtest_logreport(self, report):
        run = self.run_for(report.nodeid)
        if run is None:
            return
        if not isinstance(report, SubtestReport):  # a subtest's time is inside its test's
            run.seconds += report.duration
        if report.when == "call" or report.failed:
            run.checks += 1
            run.failures += int(report.failed)

    def pytest_deselected(self, items):
        """A drill run in part (-k, -m) would replace its figures with fewer: it keeps them."""
        self.partial |= {drill.key for item in items if (drill := BY_MODULE.get(item.nodeid.split("::")[0]))}

    def pytest_sessionfinish(self, session):
        interrupted = session.exitstatus == pytest.ExitCode.INTERRUPTED
        if session.shouldfail or session.shouldstop or interrupted:  # stopped early (-x, Ctrl-C): drills ran in part
            return
        whole = {key: run for key, run in self.runs.items() if key not in self.partial}
        if whole:
            write(whole)


_collector = Collector()


def pytest_configure(config):
    config.pluginmanager.register(_collector, "reliability-report")


@pytest.fixture
def drill(request) -> Figures:
    return Figures(_collector.run_for(request.node.nodeid))


def write(runs: dict[str, Run]) -> None:
    data = json.loads(DATA.read_text()) if DATA.exists() else {}
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = _commit()
    database = "SQLite" if os.environ.get("DATABASE_URL", "").startswith("sqlite") else "PostgreSQL"
    for key, run in runs.items():
        data[key] = {
            "ran": when,
            "commit": commit,
            "database": database,
            "checks": run.checks,
            "failures": run.failures,
            "seconds": round(run.seconds, 1),
            "figures": run.figures,
        }
    DATA.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    PAGE.write_text(render(data))


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git, on the project's own tree
            capture_output=True,
            text=True,
            cwd=DOCS,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def render(data: dict) -> str:
    lines = [
        "# Reliability",
        "",
        "Written by the test run (`tests/reliability.py`): each drill below is one test module, and its",
        "figures are those of the latest run that included it. Do not edit by hand; run the tests.",
        "The load test's figures are in [performance.md](performance.md).",
        "",
        "| Drill | Last run | Checks | Failed | Time |",
        "|---|---|---|---|---|",
    ]
    for drill in DRILLS:
        entry = data.get(drill.key)
        if entry:
            cells = [entry["ran"], str(entry["checks"]), str(entry["failures"]), f"{entry['seconds']:.0f} s"]
        else:
            cells = ["not run yet", "", "", ""]
        lines.append(f"| [{drill.title}](#{drill.key}) | " + " | ".join(cells) + " |")
    for drill in DRILLS:
        entry = data.get(drill.key)
        lines += ["", f'<a id="{drill.key}"></a>', f"## {drill.title}", "", drill.what, "", f"`{drill.module}`"]
        if not entry:
            continue
        commit = f", commit {entry['commit']}" if entry["commit"] else ""
        lines += ["", f"Latest run: {entry['ran']}{commit}, on {entry.get('database', 'PostgreSQL')}.", ""]
        lines.append(f"- checks: {entry['checks']}, failed: {entry['failures']}, time: {entry['seconds']:.1f} s")
        lines += [f"- {name}: {value}" for name, value in entry["figures"].items()]
    return "\n".join(lines) + "\n"
