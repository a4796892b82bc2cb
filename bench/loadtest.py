"""The load scenario: USERS users at once, for BENCH_LOAD_SECONDS, over a weighted mix of the portal's
pages, searches and signed-in views, against gunicorn with Elasticsearch as the search backend.

Issue 7's target: zero errors (answers other than 2xx/3xx, socket errors, timeouts); throughput
and p95 recorded. wrk runs bench/wrk/mix.lua with one thread per connection, so every answer's
latency is known with the entry of the mix it answers; the figures are given overall and per kind:
anonymous pages, anonymous searches (autocomplete among them) and signed-in views (a network
member's session: the same pages and searches, members-only resources, the account pages).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import COMMON_TERM, PHRASE, RARE_TERM, TYPO
from bench.server import ROOT, Server, fetch

MIX_LUA = ROOT / "bench" / "wrk" / "mix.lua"
USERS = 50
WARM_SECONDS = 5  # an uncounted run of the same mix first: both workers compile templates and fill caches
TIMEOUT_SECONDS = 30  # an answer slower than this is an error: wrk's timeout, as in the harness's other runs
KINDS = {"page": "anonymous pages", "search": "anonymous searches", "signed_in": "signed in"}

# Words of the corpus's frequent end (bench/corpus.py WORDS), so each finds most resources.
COMMON_WORDS = (COMMON_TERM, "security", "training", "community", "evacuation")
SEARCHES = {
    "common word": tuple(f"/search/?q={word}" for word in COMMON_WORDS),
    "phrase": ("/search/?q=%22" + "+".join(PHRASE) + "%22", "/search/?q=%22lessons+learned%22"),
    "facets": (f"/search/?q={COMMON_TERM}&city=stockholm&lang=en", "/search/?q=security&city=barcelona"),
    "page 2": (f"/search/?q={COMMON_TERM}&page=2", "/search/?q=training&page=2"),
    "rare word": (f"/search/?q={RARE_TERM}",),
    "typo": (f"/search/?q={TYPO}",),
}
AUTOCOMPLETE = tuple(f"/search/suggest/?q={prefix}" for prefix in ("pre", "secu", "evac", "hos", "comm"))


@dataclass(frozen=True)
class Entry:
    """One kind of request in the mix: ``weight`` per cent of all requests, spread evenly over ``paths``."""

    name: str
    kind: str  # a key of KINDS
    weight: float
    paths: tuple[str, ...]
    search_page: bool = False  # answered from Elasticsearch, it says so in its Server-Timing header

    @property
    def key(self) -> str:
        return f"{self.name}/{'member' if self.kind == 'signed_in' else 'anonymous'}"


def _search(name: str, kind: str, weight: float) -> Entry:
    return Entry(f"search: {name}", kind, weight, SEARCHES[name], search_page=True)


def mix(sample: dict) -> list[Entry]:
    """The mix, in per cent: 45 anonymous pages, 25 anonymous searches, 30 signed in."""
    resources = tuple(sample["practice"][:10] + sample["research"][:10] + sample["event"][:10])
    entries = [
        Entry("home", "page", 8, ("/",)),
        Entry("practice listing", "page", 4, ("/practices/",)),
        Entry("research listing", "page", 3, ("/research/",)),
        Entry("events listing", "page", 3, ("/events/",)),
        Entry("cities", "page", 2, ("/cities/",)),
        Entry("events calendar", "page", 2, ("/events/calendar/",)),
        Entry("practice page", "page", 10, tuple(sample["practice"])),
        Entry("research page", "page", 6, tuple(sample["research"])),
        Entry("event page", "page", 4, tuple(sample["event"])),
        Entry("city page", "page", 3, tuple(sample["city"])),
        *(_search(name, "search", weight) for name, weight in zip(SEARCHES, (6, 3, 3, 3, 2, 1), strict=True)),
        Entry("autocomplete", "search", 7, AUTOCOMPLETE),
        Entry("home", "signed_in", 3, ("/",)),
        Entry("practice listing", "signed_in", 2, ("/practices/",)),
        Entry("resource page", "signed_in", 4, resources),
        Entry("members-only page", "signed_in", 3, tuple(sample["members_only"])),
        Entry("city page", "signed_in", 1, tuple(sample["city"])),
        *(_search(name, "signed_in", weight) for name, weight in zip(SEARCHES, (4, 1, 2, 2), strict=False)),
        Entry("autocomplete", "signed_in", 2, AUTOCOMPLETE),
        Entry("account", "signed_in", 2, ("/accounts/profile/",)),
        Entry("calendar", "signed_in", 2, ("/accounts/calendar/", "/events/calendar/")),
        Entry("expert directory", "signed_in", 2, ("/experts/",)),
    ]
    return [entry for entry in entries if entry.paths]  # a tiny corpus may lack some kinds of page


def check(server: Server, entries: list[Entry], cookie: str) -> None:
    """The first address of each entry answers 200, the member's with the member signed in (a
    redirect to the login page would pass as a 3xx in the run; the run counts every answer but
    200 too, as ``not_200``)."""
    wrong = []
    for entry in entries:
        status = fetch(server.base + entry.paths[0], cookie if entry.kind == "signed_in" else "")["status"]
        if status != 200:
            wrong.append(f"{entry.paths[0]} ({entry.key}): {status}")
    if wrong:
        raise RuntimeError("the load scenario's addresses must answer 200: " + "; ".join(wrong))


def run(server: Server, entries: list[Entry], cookie: str, seconds: float, work: Path) -> dict:
    """Check the mix, warm both workers with it (not counted), then measure it for ``seconds``."""
    check(server, entries, cookie)
    lines = [(entry, path) for entry in entries for path in entry.paths]
    mix_file = work / "load-mix.tsv"
    mix_file.write_text("".join(_mix_line(entry, path) for entry, path in lines))
    _wrk(server, mix_file, cookie, min(WARM_SECONDS, seconds), work)
    summary, answers = _wrk(server, mix_file, cookie, seconds, work)
    return {
        "users": USERS,
        "seconds": seconds,
        "warm_seconds": min(WARM_SECONDS, seconds),
        "timeout_s": TIMEOUT_SECONDS,
        "backend": "elasticsearch",
        "mix": {entry.key: {"kind": entry.kind, "weight": entry.weight, "urls": len(entry.paths)} for entry in entries},
    } | figures(summary, answers, [entry for entry, _path in lines])


def _mix_line(entry: Entry, path: str) -> str:
    """One line of the mix file bench/wrk/mix.lua reads: weight, name, signed in, search page, path."""
    signed_in, weight = int(entry.kind == "signed_in"), entry.weight / len(entry.paths)
    return f"{weight:.6f}\t{entry.key}\t{signed_in}\t{int(entry.search_page)}\t{path}\n"


def _wrk(server: Server, mix_file: Path, cookie: str, seconds: float, work: Path) -> tuple[dict, list[list[str]]]:
    answers = work / "load-answers.txt"
    command = ["wrk", f"-t{USERS}", f"-c{USERS}", f"-d{max(1, round(seconds))}s", "--timeout", f"{TIMEOUT_SECONDS}s"]
    command += ["-s", str(MIX_LUA), f"{server.base}/"]
    env = os.environ | {"BENCH_LOAD_MIX": str(mix_file), "BENCH_LOAD_OUT": str(answers), "BENCH_LOAD_COOKIE": cookie}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)  # noqa: S603
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH ")), [answer.split() for answer in answers.read_text().splitlines()]


def _percentile(ordered: list[float], share: float) -> float | None:
    """The nearest-rank percentile of sorted values."""
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 2) if ordered else None


def _stats(answers: list[tuple], duration: float) -> dict:
    """Requests, throughput, latency percentiles and the answers that failed, of (entry, status, ms, from_es)."""
    ordered = sorted(ms for _entry, _status, ms, _es in answers)
    return {
        "requests": len(answers),
        "requests_per_s": round(len(answers) / max(duration, 1e-6), 1),
        "p50_ms": _percentile(ordered, 0.50),
        "p95_ms": _percentile(ordered, 0.95),
        "p99_ms": _percentile(ordered, 0.99),
        "max_ms": round(ordered[-1], 2) if ordered else None,
        "errors": sum(1 for _e, status, ms, _es in answers if status >= 400 or ms > TIMEOUT_SECONDS * 1000),
        "not_200": sum(1 for _e, status, _ms, _es in answers if status != 200),
        "fallbacks": sum(1 for entry, _s, _ms, from_es in answers if entry.search_page and not from_es),
    }


def figures(summary: dict, raw: list[list[str]], lines: list[Entry]) -> dict:
    """wrk's counts, and the latency of every answer overall, per kind and per entry."""
    answers = [(lines[int(n) - 1], int(status), float(ms), es == "1") for n, status, ms, es in raw]
    by_entry = {entry.key: [] for entry in lines}
    for answer in answers:
        by_entry[answer[0].key].append(answer)
    duration = summary["duration_s"]
    errors = {key: summary[key] for key in ("non_2xx_3xx", "connect", "read", "write", "timeout")}
    overall = _stats(answers, duration)
    return {
        "requests": summary["requests"],
        "duration_s": duration,
        "requests_per_s": round(summary["requests"] / max(duration, 1e-6), 1),
        "errors": errors | {"total": sum(errors.values())},
        "fallbacks": overall["fallbacks"],
        "not_200": overall["not_200"],
        "latency": {"all": overall}
        | {kind: _stats([a for a in answers if a[0].kind == kind], duration) for kind in KINDS},
        "entries": {key: _stats(found, duration) for key, found in by_entry.items()},
    }
