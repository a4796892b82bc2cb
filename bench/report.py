"""The harness's results: bench/results/<date>.json, a chart, and docs/performance.md with every
figure and each of the performance issue's targets reported met or not met."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

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
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "minutes": round((time.time() - started) / 60, 1),
        "machine": machine(),
        "settings": settings,
        "runs": runs,
        "targets": targets(runs),
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


def targets(runs: list[dict]) -> list[dict]:
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
    chart_path = config.results / f"{stem}-search-p95.png"
    chart(data, chart_path)
    config.docs.parent.mkdir(parents=True, exist_ok=True)
    config.docs.write_text(markdown(data, json_path, chart_path, config.docs.parent))
    return [json_path, chart_path, config.docs]


def chart(data: dict, path: Path) -> None:
    """The worst search p95 of the query mix against N, one line per backend and database."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    lines: dict[str, list[tuple[int, float]]] = {}
    for run in data["runs"]:
        for backend, figures in run["search"].items():
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
    return {True: "met", False: "**not met**", None: "not measured"}[target["met"]]


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


def markdown(data: dict, json_path: Path, chart_path: Path, docs_dir: Path) -> str:
    m, s = data["machine"], data["settings"]
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. Every figure is also in",
        f"`{os.path.relpath(json_path, docs_dir)}`.",
        "",
        f"Run {data['date']} ({data['minutes']} min) on {m['cores']} cores, {m['memory_gb']} GB, {m['platform']};",
        f"load average at the end {m['load_average_at_end']} (the machine may be shared).",
        f"gunicorn {s['gunicorn_workers']} workers on loopback; wrk {s['wrk']}, each run at most",
        f"{s['seconds_per_wrk_run']} s and {s['max_requests_per_wrk_run']} responses.",
        "",
        *(
            [f"Combined from {', '.join(data['combined_from'])} (sizes run separately).", ""]
            if data.get("combined_from")
            else []
        ),
        "## Targets",
        "",
        _row("target", "limit", "figure (worst case)", "verdict"),
        _row("---", "---", "---", "---"),
        *[_row(t["target"], t["limit"], t["figure"], _met(t)) for t in data["targets"]],
        "",
        f"![Search p95 against N]({os.path.relpath(chart_path, docs_dir)})",
        "",
        "## Runs",
        "",
    ]
    for run in data["runs"]:
        lines += _run_section(run)
    notes = Path(__file__).with_name("notes.md")
    if notes.exists():  # what was tried for each target, and the design behind the figures
        lines += [notes.read_text().strip(), ""]
    return "\n".join(lines)


def _no_answer_no_latency(run: dict) -> None:
    """Files written before wrk runs without an answer reported None (rather than 0) get the same."""
    groups = [*run["search"].values(), run.get("pages", {})]
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
    return write(data, config)


if __name__ == "__main__":
    import sys

    from bench.run import Config

    print(combine(sys.argv[1:], Config.from_env()))
