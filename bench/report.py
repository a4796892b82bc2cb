"""The harness's results: bench/results/<date>.json, a chart, and docs/performance.md with every
figure and each of the performance issue's targets reported met or not met.

docs/performance.md shows the newest full run and the newest load test, from one file or two: a run
of the load scenario alone (`make load`) keeps the full run's figures, and a full run without a
load test (BENCH_SIZES without 10,000) keeps the last load test's."""

from __future__ import annotations

import json
import os
import platform
import textwrap
import time
from pathlib import Path

from bench.loadtest import KINDS, USERS
from bench.steps import QUERIES

READERS = ("anonymous", "member")


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().split("\n")
    total_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }


def results(config, runs: list[dict], started: float) -> dict:
    settings = {"seconds_per_wrk_run": config.seconds, "max_requests_per_wrk_run": config.max_requests}
    settings |= {"wrk": "1 thread, 2 connections", "gunicorn_workers": 2, "databases": config.databases}
    settings["load"] = {"users": USERS, "seconds": config.load_seconds, "sizes": config.load_sizes}
    if config.only:
        settings |= {"only": config.only, "load": settings["load"] | {"sizes": config.sizes}}
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "minutes": round((time.time() - started) / 60, 1),
        "machine": machine(),
        "settings": settings,
        "runs": runs,
        "targets": targets(runs),
        "load_targets": load_targets(load_tests(runs)),
    }


# Targets


def _target(name: str, limit: str, figure: str | None, met: bool | None) -> dict:
    return {"target": name, "limit": limit, "figure": figure or "not measured", "met": met}


def _es_runs(runs):
    return [run for run in runs if "elasticsearch" in run["search"]]


def _worst(pairs, limit: float, unit: str = "") -> tuple[str | None, bool | None]:
    """The worst (largest) of ``pairs`` [(value, where)], and whether it is within ``limit``."""
    pairs = [pair for pair in pairs if pair[0] is not None]
    if not pairs:
        return None, None
    value, where = max(pairs)
    return f"{value:.2f}{unit} ({where})", value <= limit


def _served_took(run: dict, key: str) -> float | None:
    """Elasticsearch's p95 ``took`` for the requests the portal sent during the measured run
    (its Server-Timing header); older results only have ``took`` measured alone."""
    served = run["search"]["elasticsearch"][key].get("took_p95_ms")
    return served if served is not None else run["took"][key]["p95_ms"]


def _service_time(runs) -> list[dict]:
    """The portal's time beyond Elasticsearch's: beside the requests' service time (how long the
    portal waited for them: ``took``, plus the request and its answer both ways), and beside
    ``took`` alone; results from before the service time was measured only have the second."""
    waits, alone, differences, ratios = [], [], [], []
    for run in _es_runs(runs):
        for key, portal in run["search"]["elasticsearch"].items():
            took, where = _served_took(run, key), f"{key}, N={run['size']}"
            if portal["p95_ms"] is None:
                continue
            if portal.get("request_p95_ms") is not None:
                waits.append((portal["p95_ms"] - portal["request_p95_ms"], where))
            single = portal.get("one_connection") or {}
            if single.get("p95_ms") is not None and single.get("request_p95_ms") is not None:
                alone.append((single["p95_ms"] - single["request_p95_ms"], where))
            differences.append((portal["p95_ms"] - took, where))
            ratios.append((portal["p95_ms"] / max(took, 1), where))
    return [
        _target("Portal search p95 minus Elasticsearch service time p95", "<= 20 ms", *_worst(waits, 20, " ms")),
        _target(
            "The same, one request at a time (no second search competing for the cores)",
            "<= 20 ms",
            *_worst(alone, 20, " ms"),
        ),
        _target("Portal search p95 minus Elasticsearch took p95", "<= 20 ms", *_worst(differences, 20, " ms")),
        _target("Portal search p95 / Elasticsearch took p95", "<= 3", *_worst(ratios, 3)),
    ]


def _growth(runs) -> dict:
    by_size = {run["size"]: run for run in _es_runs(runs)}
    if 10_000 not in by_size or 100_000 not in by_size:
        return _target("Elasticsearch path p95 at 100k / at 10k", "<= 2", None, None)
    small, large = by_size[10_000]["search"]["elasticsearch"], by_size[100_000]["search"]["elasticsearch"]
    ratios = [
        (large[key]["p95_ms"] / max(small[key]["p95_ms"], 0.01), key)
        for key in small
        if large[key]["p95_ms"] is not None and small[key]["p95_ms"] is not None
    ]
    return _target("Elasticsearch path p95 at 100k / at 10k", "<= 2", *_worst(ratios, 2))


def _highlighting(runs) -> dict:
    ratios = [
        (took["p95_ms"] / max(took["p95_no_highlight_ms"], 1), f"{key}, N={run['size']}")
        for run in _es_runs(runs)
        for key, took in run["took"].items()
    ]
    return _target("Elasticsearch took p95 with highlighting / without", "<= 2", *_worst(ratios, 2))


def _database_at_10k(runs) -> list[dict]:
    found = []
    for run in runs:
        if run["size"] != 10_000:
            continue
        name = f"Database backend p95 at 10k, {run['database']}"
        figures = run["search"]["database"]
        silent = [key for key, f in figures.items() if f["p95_ms"] is None]
        if silent:  # not one answer within the run's seconds
            found.append(_target(name, "<= 300 ms", f"no answer within the run ({', '.join(silent)})", False))
            continue
        pairs = [(f["p95_ms"], key) for key, f in figures.items()]
        found.append(_target(name, "<= 300 ms", *_worst(pairs, 300, " ms")))
    return found or [_target("Database backend p95 at 10k", "<= 300 ms", None, None)]


def _cached_pages(runs) -> dict:
    shares = []
    for run in runs:
        pages = run.get("pages", {})
        if "hello" in pages:
            hello = max(pages["hello"]["requests_per_s"], 0.01)
            # The worst page is the one furthest below the floor: invert so that _worst's max finds it.
            shares += [
                (hello / max(f["requests_per_s"], 0.01), f"{key}, N={run['size']}")
                for key, f in pages.items()
                if key.endswith("/cached")
            ]
    figure, met = _worst(shares, 1 / 0.6)
    if figure:
        value, where = figure.split(" ", 1)
        figure = f"{100 / float(value):.0f}% of hello-world {where}"
    return _target("Cached public pages' throughput / hello-world's", ">= 60%", figure, met)


def _deep_pages(runs) -> dict:
    ratios = []
    for run in runs:
        for backend, figures in run["search"].items():
            for reader in READERS:
                deep, first = figures[f"deep/{reader}"]["p95_ms"], figures[f"common/{reader}"]["p95_ms"]
                if deep is None or first is None:
                    continue
                ratios.append((deep / max(first, 0.01), f"{backend}, {reader}, N={run['size']}, {run['database']}"))
    return _target("Search page 100 p95 / page 1 p95", "<= 1.5", *_worst(ratios, 1.5))


def _round_trips(runs) -> dict:
    counts = [
        (count, f"{name}, N={run['size']}") for run in _es_runs(runs) for name, count in run["round_trips"].items()
    ]
    return _target("Elasticsearch round trips per search page", "1", *_worst(counts, 1))


def _saving(runs) -> dict:
    """Publishing one page (with its database index update) plus writing its document, 100k against 10k."""
    costs = {
        run["size"]: run["save"]["publish_median_ms"] + run["save"].get("index_write_median_ms", 0)
        for run in runs
        if "save" in run and run is _first_at(runs, run["size"])
    }
    if 10_000 not in costs or 100_000 not in costs:
        seen = ", ".join(f"{ms:.0f} ms at N={size}" for size, ms in sorted(costs.items()))
        return _target(
            "Saving one page at 100k / at 10k", "<= 2", f"needs 10k and 100k; {seen}" if seen else None, None
        )
    ratio = costs[100_000] / max(costs[10_000], 0.01)
    return _target("Saving one page at 100k / at 10k", "<= 2", f"{ratio:.2f}", ratio <= 2)


def _listing_queries(runs) -> dict:
    """Every listing, reader and run: as many queries with 50 items a page as with 10."""
    differing, counted = [], 0
    for run in runs:
        for where, counts in run.get("listing_queries", {}).items():
            counted += 1
            if counts["50"] != counts["10"]:
                differing.append(f"{where} {counts['10']} -> {counts['50']} (N={run['size']}, {run['database']})")
    if not counted:
        return _target("Queries of a 50-item listing = of a 10-item one", "equal", None, None)
    figure = "; ".join(differing) if differing else f"equal on all {counted} listings and readers measured"
    return _target("Queries of a 50-item listing = of a 10-item one", "equal", figure, not differing)


def _first_at(runs, size: int) -> dict:
    return next(run for run in runs if run["size"] == size)


def load_tests(runs: list[dict]) -> list[dict]:
    """The load scenario's figures of each run that has them, with the run's size and database."""
    return [run["load_test"] | {"size": run["size"], "database": run["database"]} for run in runs if "load_test" in run]


def _load_where(test: dict) -> str:
    return f"N={test['size']}, {test['users']} users, {test['seconds']:g} s"


def load_targets(tests: list[dict]) -> list[dict]:
    """Issue 7's load test: no errors, and no search answered from the database fallback."""
    if not tests:
        return [_target("Errors under load (non-2xx/3xx, socket errors, timeouts)", "0", None, None)]
    worst = max(tests, key=lambda test: test["errors"]["total"])
    errors, requests = worst["errors"]["total"], worst["requests"]
    fallbacks = max(tests, key=lambda test: test["fallbacks"])
    return [
        _target(
            "Errors under load (non-2xx/3xx, socket errors, timeouts)",
            "0",
            f"{errors} of {requests:,} requests ({_load_where(worst)})",
            errors == 0 and requests > 0,
        ),
        _target(
            "Search pages answered from the database fallback under load",
            "0",
            f"{fallbacks['fallbacks']} ({_load_where(fallbacks)})",
            fallbacks["fallbacks"] == 0,
        ),
    ]


def targets(runs: list[dict]) -> list[dict]:
    runs = [run for run in runs if "search" in run]  # not the runs of the load scenario alone
    return [
        _round_trips(runs),
        *_service_time(runs),
        _growth(runs),
        _highlighting(runs),
        *_database_at_10k(runs),
        _saving(runs),
        _cached_pages(runs),
        _listing_queries(runs),
        _deep_pages(runs),
    ]


# Output


def write(data: dict, config) -> list[Path]:
    config.results.mkdir(parents=True, exist_ok=True)
    stem = data["date"].replace(":", "") + ("-combined" if data.get("combined_from") else "")
    json_path = config.results / f"{stem}.json"
    json_path.write_text(json.dumps(data, indent=2) + "\n")
    written = [json_path]
    if _is_full(data):
        written.append(_chart_path(json_path))
        chart(data, written[-1])
    config.docs.parent.mkdir(parents=True, exist_ok=True)
    config.docs.write_text(markdown(*_shown(data, json_path), config.docs.parent))
    return [*written, config.docs]


def _is_full(data: dict) -> bool:
    return any("search" in run for run in data["runs"])


def _chart_path(json_path: Path) -> Path:
    return json_path.with_name(f"{json_path.stem}-search-p95.png")


def _newest(results: Path, wanted, but: Path) -> tuple[dict | None, Path | None]:
    """The newest results file but ``but`` for which ``wanted(data)`` (the names sort by date)."""
    for path in sorted(results.glob("*.json"), reverse=True):
        if path != but:
            data = json.loads(path.read_text())
            if wanted(data):
                return data, path
    return None, None


def _shown(data: dict, json_path: Path) -> tuple:
    """(full run, its file, load test run, its file): this run's, or for what it did not measure
    the newest other file's that did."""
    if _is_full(data):
        full, full_path = data, json_path
    else:
        full, full_path = _newest(json_path.parent, _is_full, json_path)
    if load_tests(data["runs"]):
        return full, full_path, data, json_path
    return (full, full_path, *_newest(json_path.parent, lambda other: load_tests(other["runs"]), json_path))


def chart(data: dict, path: Path) -> None:
    """The worst search p95 of the query mix against N, one line per backend and database."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    lines: dict[str, list[tuple[int, float]]] = {}
    for run in data["runs"]:
        for backend, figures in run.get("search", {}).items():
            label = f"{backend} ({run['database']})"
            p95s = [f["p95_ms"] for f in figures.values() if f["p95_ms"] is not None]
            if p95s:
                lines.setdefault(label, []).append((run["size"], max(p95s)))
    figure, axes = pyplot.subplots(figsize=(7, 4))
    for label, points in sorted(lines.items()):
        axes.plot(*zip(*sorted(points), strict=True), marker="o", label=label)
    axes.set(xscale="log", xlabel="resources (N)", ylabel="search page p95, worst of the mix (ms)")
    axes.set_title("Portal search p95 against N")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def _row(*cells) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _ms(figures: dict | None, key: str = "p95_ms") -> str:
    return "-" if not figures or figures.get(key) is None else f"{figures[key]:.1f}"


def _met(target: dict) -> str:
    return {True: "met", False: "**not met**", None: "not measured", "recorded": "recorded"}[target["met"]]


def _search_table(run: dict) -> list[str]:
    es, db, took = run["search"].get("elasticsearch", {}), run["search"]["database"], run.get("took", {})
    lines = [
        _row("query", "reader", "results", "ES p50", "ES p95", "ES p99", "took p50", "took p95", "service p95",
             "1 conn p95", "1 conn service p95", "alone p95", "alone p95 no hl", "DB p50", "DB p95", "DB p99",
             "DB req/s"),
        _row(*["---"] * 17),
    ]  # fmt: skip
    for name, _query in QUERIES:
        for reader in READERS:
            key = f"{name}/{reader}"
            e, d, t = es.get(key), db[key], took.get(key)
            single = (e or {}).get("one_connection")
            lines.append(
                _row(name, reader, d["results"], _ms(e, "p50_ms"), _ms(e), _ms(e, "p99_ms"), _ms(e, "took_p50_ms"),
                     _ms(e, "took_p95_ms"), _ms(e, "request_p95_ms"), _ms(single), _ms(single, "request_p95_ms"),
                     _ms(t), _ms(t, "p95_no_highlight_ms"),
                     _ms(d, "p50_ms"), _ms(d), _ms(d, "p99_ms"), d["requests_per_s"])
            )  # fmt: skip
    return lines


def _pages_table(run: dict) -> list[str]:
    lines = [_row("page", "status", "X-Page-Cache", "p50 ms", "p95 ms", "p99 ms", "req/s"), _row(*["---"] * 7)]
    for key, f in run.get("pages", {}).items():
        lines.append(
            _row(
                key, f["status"], f.get("cache") or "-", _ms(f, "p50_ms"), _ms(f), _ms(f, "p99_ms"), f["requests_per_s"]
            )
        )
    return lines


def _mb(kb) -> str:
    return f"{kb / 1024:.0f} MB" if kb else "-"


def _facts(run: dict) -> list[str]:
    load, database = run["load"], run["indexing"]["database"]
    lines = [
        f"- Load: {load['seconds']} s ({load['pages_per_s']} resources/s), {load['kinds']}; the site and its",
        f"  cities first, the ordinary way: {load['site_and_cities_seconds']} s",
        f"- Database search index build (`{database['command']}`): {database['seconds']} s,"
        f" {database['docs_per_s']} docs/s",
    ]
    if es := run["indexing"].get("elasticsearch"):
        lines.append(
            f"- Elasticsearch bulk indexing: {es['documents']} docs in {es['seconds']} s, {es['docs_per_s']} docs/s"
        )
        lines.append(f"- Elasticsearch round trips per search page: {run['round_trips']}")
    if save := run.get("save"):
        written = save.get("index_write_median_ms", "-")
        lines.append(f"- Saving one page: publish {save['publish_median_ms']} ms, index write {written} ms")
    if counts := run.get("listing_queries"):
        listed = ", ".join(f"{where} {c['10']}/{c['50']}" for where, c in counts.items())
        lines.append(f"- SQL queries with 10/50 items a page: {listed}")
    memory = run["memory"]
    workers = memory.get("web_workers_kb") or memory.get("web_workers_database_kb") or {}
    peak = max((kb for kb in workers.values() if kb), default=None)
    lines.append(
        f"- Peak memory (VmHWM): largest web worker {_mb(peak)}, Elasticsearch {_mb(memory.get('elasticsearch_kb'))}"
    )
    return lines


def _run_section(run: dict) -> list[str]:
    lines = [f"### N = {run['size']:,} on {run['database']}", "", *_facts(run), ""]
    lines += [
        "Search page, ms (ES: the portal on Elasticsearch; took: Elasticsearch's own time for the requests of",
        "that run, from the page's Server-Timing header; service: how long the portal waited for those requests,",
        "took plus the request and its answer both ways, from the same header; 1 conn: the same page with one",
        "request at a time instead of two, so no second search competes for the cores; alone: `took` of the same body",
        "sent alone, one at a time, with and without highlighting; DB: the portal on the database backend; deep:",
        "page 100 (or the last) reached by the Next link of the page before, as a reader gets there; jump: the",
        "same page typed in the address, counted from the first result):",
        "",
        *_search_table(run),
    ]
    if run.get("pages"):
        lines += ["", "Pages (cached: anonymous, from the page cache; uncached: a query string the cache refuses):", ""]
        lines += _pages_table(run)
    return [*lines, ""]


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"{seconds:g} seconds"


def _load_kinds_table(test: dict) -> list[str]:
    lines = [
        _row("kind", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "not 200", "fallbacks"),
        _row(*["---"] * 10),
    ]
    for kind, label in {"all": "all", **KINDS}.items():
        f = test["latency"][kind]
        lines.append(
            _row(label, f"{f['requests']:,}", f["requests_per_s"], _ms(f, "p50_ms"), _ms(f), _ms(f, "p99_ms"),
                 _ms(f, "max_ms"), f["errors"], f["not_200"], f["fallbacks"])
        )  # fmt: skip
    return lines


def _load_entries_table(test: dict) -> list[str]:
    header = ("entry of the mix", "kind", "% of requests", "URLs", "requests", "p50 ms", "p95 ms", "p99 ms", "errors")
    lines = [_row(*header), _row(*["---"] * len(header))]
    for key, f in test["entries"].items():
        mix = test["mix"][key]
        lines.append(
            _row(key, KINDS[mix["kind"]], f"{mix['weight']:g}", mix["urls"], f["requests"], _ms(f, "p50_ms"), _ms(f),
                 _ms(f, "p99_ms"), f["errors"])
        )  # fmt: skip
    return lines


def _load_test_section(test: dict) -> list[str]:
    errors = test["errors"]
    socket = ", ".join(f"{key} {errors[key]}" for key in ("connect", "read", "write", "timeout"))
    recorded = [
        *load_targets([test]),
        _target(
            "Throughput", "recorded", f"{test['requests_per_s']} req/s ({test['requests']:,} requests)", "recorded"
        ),
        _target("p95 latency, all requests", "recorded", f"{_ms(test['latency']['all'])} ms", "recorded"),
    ]
    return [
        f"### N = {test['size']:,} on {test['database']}, Elasticsearch",
        "",
        _row("target", "limit", "figure", "verdict"),
        _row("---", "---", "---", "---"),
        *[_row(t["target"], t["limit"], t["figure"], _met(t)) for t in recorded],
        "",
        f"wrk's counts: {errors['non_2xx_3xx']} answers other than 2xx/3xx; socket errors: {socket}.",
        f"Load average at the end {test['load_average']}; largest web worker {_mb(_peak(test['memory']))}.",
        "",
        *_load_kinds_table(test),
        "",
        *_load_entries_table(test),
        "",
    ]


def _peak(memory: dict) -> int | None:
    return max((kb for kb in memory.get("web_workers_kb", {}).values() if kb), default=None)


def _load_section(data: dict | None, json_path: Path | None, docs_dir: Path) -> list[str]:
    tests = load_tests(data["runs"]) if data else []
    if not tests:
        return ["## Load", "", "No load test yet (`make load`).", ""]
    first = tests[0]
    about = (
        f"Run {data['date']} (`{os.path.relpath(json_path, docs_dir)}`). {first['users']} connections at once to"
        f" gunicorn ({data['settings']['gunicorn_workers']} workers), each sending its next request as soon as the"
        f" last is answered (wrk, one thread per connection, bench/wrk/mix.lua), for {first['seconds']:g} s after"
        f" {first['warm_seconds']:g} s of the same mix that are not counted; an answer slower than"
        f" {first['timeout_s']} s is an error. Each request is drawn from a weighted mix: anonymous pages (home,"
        " listings, practice, research, event and city pages, the events calendar), anonymous searches (common"
        " words, phrases, facets, page 2, a rare word, a typo, autocomplete) and a network member's signed-in"
        " views (the same pages and searches, members-only resources, the account, calendar and expert"
        " directory pages). A fallback is a search page answered from the database because Elasticsearch"
        " failed; not 200 counts every other answer (a redirect passes as no error). One address of each entry"
        " is checked to answer 200 first, the member's signed in."
    )
    lines = [f"## Load: {first['users']} users for {_duration(first['seconds'])}", "", *textwrap.wrap(about, 100), ""]
    for test in tests:
        lines += _load_test_section(test)
    return lines


def _header(full: dict, json_path: Path, load_path: Path | None, docs_dir: Path) -> list[str]:
    m, s = full["machine"], full["settings"]
    also = (
        f" and, for the load test, `{os.path.relpath(load_path, docs_dir)}`"
        if load_path not in (None, json_path)
        else ""
    )
    return [
        "Written by `make bench` (bench/run.py); do not edit by hand. Every figure is also in",
        f"`{os.path.relpath(json_path, docs_dir)}`{also}.",
        "",
        f"Run {full['date']} ({full['minutes']} min) on {m['cores']} cores, {m['memory_gb']} GB, {m['platform']};",
        f"load average at the end {m['load_average_at_end']} (the machine may be shared).",
        f"gunicorn {s['gunicorn_workers']} workers on loopback; wrk {s['wrk']}, each run at most",
        f"{s['seconds_per_wrk_run']} s and {s['max_requests_per_wrk_run']} responses.",
        "",
        *(
            [f"Combined from {', '.join(full['combined_from'])} (sizes run separately).", ""]
            if full.get("combined_from")
            else []
        ),
    ]


def markdown(full: dict | None, json_path: Path | None, load: dict | None, load_path, docs_dir: Path) -> str:
    """The page: the full run's figures (if there is one) with the load test's in their place."""
    load_rows = load_targets(load_tests(load["runs"]) if load else [])
    lines = ["# Performance", ""]
    if full:
        lines += _header(full, json_path, load_path, docs_dir)
    else:
        lines += ["Written by `make bench` (bench/run.py); no full run yet: only the load test below.", ""]
    lines += [
        "## Targets",
        "",
        _row("target", "limit", "figure (worst case)", "verdict"),
        _row("---", "---", "---", "---"),
        *[_row(t["target"], t["limit"], t["figure"], _met(t)) for t in [*(full or {}).get("targets", []), *load_rows]],
        "",
    ]
    if full:
        lines += [f"![Search p95 against N]({os.path.relpath(_chart_path(json_path), docs_dir)})", ""]
    lines += _load_section(load, load_path, docs_dir)
    if full:
        lines += ["## Runs", ""]
        for run in full["runs"]:
            if "search" in run:
                lines += _run_section(run)
    notes = Path(__file__).with_name("notes.md")
    if notes.exists():  # what was tried for each target, and the design behind the figures
        lines += [notes.read_text().strip(), ""]
    return "\n".join(lines)


def _no_answer_no_latency(run: dict) -> None:
    """Files written before wrk runs without an answer reported None (rather than 0) get the same."""
    groups = [*run.get("search", {}).values(), run.get("pages", {})]
    for figures in (f for group in groups for f in group.values()):
        if figures.get("requests") == 0:
            figures |= dict.fromkeys(("p50_ms", "p95_ms", "p99_ms", "mean_ms"))


def combine(paths: list[Path], config) -> list[Path]:
    """One report from several result files (sizes run separately): their runs together, targets again."""
    parts = [json.loads(Path(path).read_text()) for path in paths]
    data = parts[-1] | {"runs": [run for part in parts for run in part["runs"]]}
    data["minutes"] = round(sum(part["minutes"] for part in parts), 1)
    if len(parts) > 1:
        data["combined_from"] = [Path(path).name for path in paths]
    for run in data["runs"]:
        _no_answer_no_latency(run)
    data["targets"] = targets(data["runs"])
    data["load_targets"] = load_targets(load_tests(data["runs"]))
    return write(data, config)


if __name__ == "__main__":
    import sys

    from bench.run import Config

    print(combine(sys.argv[1:], Config.from_env()))
