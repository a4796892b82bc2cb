"""docs/reliability.md is rendered from the drills' runs: each keeps its latest whole run."""

import json

import pytest
from _pytest.subtests import SubtestReport

from tests import reliability


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.setattr(reliability, "DATA", tmp_path / "reliability.json")
    monkeypatch.setattr(reliability, "PAGE", tmp_path / "reliability.md")
    return tmp_path


def collect(*reports, deselected=()):
    collector = reliability.Collector()
    for nodeid, outcome in reports:
        collector.pytest_runtest_logreport(Report(nodeid, outcome))
    collector.pytest_deselected([Item(nodeid) for nodeid in deselected])
    return collector


class Report:
    when, duration = "call", 1.5

    def __init__(self, nodeid, outcome):
        self.nodeid, self.failed = nodeid, outcome == "failed"


class Session:
    shouldfail = shouldstop = False
    exitstatus = pytest.ExitCode.OK


class Item:
    def __init__(self, nodeid):
        self.nodeid = nodeid


def test_a_drill_shows_its_checks_failures_and_figures(report):
    collector = collect(
        ("tests/search/test_worker_crash.py::test_a", "passed"),
        ("tests/search/test_worker_crash.py::test_b", "failed"),
    )
    figures = reliability.Figures(collector.run_for("tests/search/test_worker_crash.py::test_b"))
    figures.figure("killed after", "43 of 131")
    collector.pytest_sessionfinish(Session())

    page = (report / "reliability.md").read_text()
    assert "| [Task worker killed](#worker) | " in page and " | 2 | 1 | 3 s |" in page
    assert "- killed after: 43 of 131" in page
    assert "| [Leak matrix](#leaks) | not run yet |" in page


def test_a_drill_run_in_part_keeps_its_last_whole_run(report):
    whole = ("tests/portal/test_database_outage.py::test_drill", "passed")
    collect(whole, ("tests/portal/test_database_outage.py::test_view", "passed")).pytest_sessionfinish(Session())
    before = json.loads((report / "reliability.json").read_text())["db-outage"]

    part = collect(whole, deselected=["tests/portal/test_database_outage.py::test_view"])
    part.pytest_sessionfinish(Session())
    assert json.loads((report / "reliability.json").read_text())["db-outage"] == before
    assert before["checks"] == 2


def test_a_subtest_counts_as_a_check_and_its_time_as_its_tests(report):
    collector = collect(("tests/portal/test_leak_matrix.py::test_pages", "passed"))
    subtest = SubtestReport(
        "tests/portal/test_leak_matrix.py::test_pages", ("", 0, ""), {}, "failed", None, "call", duration=1.0
    )
    collector.pytest_runtest_logreport(subtest)
    run = collector.runs["leaks"]
    assert (run.checks, run.failures, run.seconds) == (2, 1, 1.5)


def test_a_run_stopped_early_changes_nothing(report):
    session = Session()
    session.shouldfail = "stopping after 1 failures"
    collect(("tests/search/test_worker_crash.py::test_a", "failed")).pytest_sessionfinish(session)
    assert not (report / "reliability.json").exists()


def test_modules_that_are_no_drill_are_left_out(report):
    collect(("tests/home/test_home_page.py::test_a", "failed")).pytest_sessionfinish(Session())
    assert not (report / "reliability.md").exists()
