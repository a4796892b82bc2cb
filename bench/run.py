"""`make bench`: load the synthetic corpus at each size, index it, and measure the portal.

Settings come from the environment:

    BENCH_SIZES           sizes of the corpus, e.g. "1000,10000" (the default)
    BENCH_DATABASES       "postgresql,sqlite" (the default): Elasticsearch and pages are measured on the first
    BENCH_SQLITE_MAX      the largest size run on SQLite (10000, what the embedded default is supported up to)
    BENCH_SECONDS         seconds of each wrk run (10); BENCH_MAX_REQUESTS bounds it in responses too (50000;
                          a bound cached pages reach in the time would cap their throughput)
    BENCH_POSTGRES_URL    the PostgreSQL server; DATABASE_URL's if unset. Databases <name>_bench(_template)
    ELASTICSEARCH_URL     the Elasticsearch to measure; without it only the database backend is measured
    BENCH_ELASTICSEARCH_INDEX  the alias to build ("ctpn-bench")
    BENCH_WORK_DIR        SQLite files, media and logs (var/bench); BENCH_RESULTS_DIR (bench/results);
    BENCH_DOCS            the Markdown page written (docs/performance.md)
    BENCH_LOAD_SIZES      sizes at which the load scenario runs ("10000", issue 7's corpus): 50 users at once
                          over a mix of pages, searches and signed-in views, on Elasticsearch (bench/loadtest.py)
    BENCH_LOAD_SECONDS    how long the load scenario's measured run lasts (120)
    BENCH_ONLY            "load": only the load scenario, at each of BENCH_SIZES, on the first database
                          (`make load`); the report keeps the newest full run's figures beside it
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import loadtest, report
from bench.server import ROOT, Server, fetch, listening_pid, peak_memory_kb, wrk
from bench.steps import BY_NEXT, PAGE_SIZE, QUERIES

PYTHON = str(ROOT / ".venv/bin/python")
DEFAULT_POSTGRES = "postgres://ctpn:ctpn@127.0.0.1:5432/ctpn"
UNCACHED = "?nocache=" + "x" * 2100  # longer than the page cache stores (portal.page_cache.MAX_QUERY_LENGTH)


@dataclass
class Config:
    sizes: list[int]
    databases: list[str]
    sqlite_max: int
    seconds: float
    max_requests: int
    postgres: str
    elasticsearch: str
    index: str
    work: Path
    results: Path
    docs: Path
    load_sizes: list[int]
    load_seconds: float
    only: str

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ.get
        database_url = env("DATABASE_URL", "")
        return cls(
            sizes=[int(size) for size in env("BENCH_SIZES", "1000,10000").split(",") if size.strip()],
            databases=[name.strip() for name in env("BENCH_DATABASES", "postgresql,sqlite").split(",") if name.strip()],
            sqlite_max=int(env("BENCH_SQLITE_MAX", "10000")),
            seconds=float(env("BENCH_SECONDS", "10")),
            max_requests=int(env("BENCH_MAX_REQUESTS", "50000")),
            postgres=env("BENCH_POSTGRES_URL") or (database_url if "postgres" in database_url else DEFAULT_POSTGRES),
            elasticsearch=env("ELASTICSEARCH_URL", ""),
            index=env("BENCH_ELASTICSEARCH_INDEX", "ctpn-bench"),
            work=Path(env("BENCH_WORK_DIR", str(ROOT / "var" / "bench"))),
            results=Path(env("BENCH_RESULTS_DIR", str(ROOT / "bench" / "results"))),
            docs=Path(env("BENCH_DOCS", str(ROOT / "docs" / "performance.md"))),
            load_sizes=[int(size) for size in env("BENCH_LOAD_SIZES", "10000").split(",") if size.strip()],
            load_seconds=float(env("BENCH_LOAD_SECONDS", "120")),
            only=env("BENCH_ONLY", ""),
        )  # fmt: skip


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Databases: each run gets a fresh copy of a database migrated once per invocation.


def _postgres_url(config: Config, suffix: str) -> str:
    parts = urlsplit(config.postgres)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_bench{suffix}"))


def _admin(config: Config, *statements: str) -> None:
    import psycopg

    parts = urlsplit(config.postgres)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def base_env(config: Config) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "ELASTICSEARCH"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "MEDIA_ROOT": str(config.work / "media"),
        "ELASTICSEARCH_URL": "",
        "ELASTICSEARCH_INDEX": config.index,
    }


def _up_to_date(env: dict) -> bool:
    """Whether a template exists with every migration applied (then it is kept: migrating takes a minute)."""
    command = [PYTHON, "manage.py", "migrate", "--check"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False).returncode == 0  # noqa: S603


def prepare_templates(config: Config) -> None:
    """Migrate one template database per engine, unless it is up to date."""
    for kind in config.databases:
        if kind == "postgresql":
            template = _postgres_url(config, "_template")
            exists = _exists(config, _name(template))
        else:
            template = f"sqlite:///{config.work / 'template.sqlite3'}"
            exists = (config.work / "template.sqlite3").exists()
        env = base_env(config) | {"DATABASE_URL": template}
        if exists and _up_to_date(env):
            continue
        say(f"migrating the {kind} template")
        if kind == "postgresql":
            _admin(
                config,
                f'DROP DATABASE IF EXISTS "{_name(template)}" WITH (FORCE)',
                f'CREATE DATABASE "{_name(template)}"',
            )
        else:
            (config.work / "template.sqlite3").unlink(missing_ok=True)
        manage(env, "migrate", "--noinput")


def _exists(config: Config, name: str) -> bool:
    import psycopg

    parts = urlsplit(config.postgres)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def fresh_database(config: Config, kind: str) -> str:
    """A copy of the template, replacing the last run's database."""
    if kind == "postgresql":
        url, template = _postgres_url(config, ""), _postgres_url(config, "_template")
        create = f'CREATE DATABASE "{_name(url)}" TEMPLATE "{_name(template)}"'
        _admin(config, f'DROP DATABASE IF EXISTS "{_name(url)}" WITH (FORCE)', create)
        return url
    shutil.copyfile(config.work / "template.sqlite3", config.work / "bench.sqlite3")
    return f"sqlite:///{config.work / 'bench.sqlite3'}"


# Child processes


def manage(env: dict, *args: str) -> str:
    command = [PYTHON, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def step(env: dict, *args: str) -> dict:
    command = [PYTHON, "-m", "bench.steps", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"bench step {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_database_index(env: dict) -> dict:
    """`search_index rebuild --database`: the database search backend's own index (search.dbindex)."""
    return _rebuilt(manage(env, "search_index", "rebuild", "--database"), "search_index rebuild --database")


def build_es_index(env: dict) -> dict:
    """`search_index rebuild`, which reports its own docs/s."""
    return _rebuilt(manage(env, "search_index", "rebuild"), "search_index rebuild")


def _rebuilt(output: str, command: str) -> dict:
    found = re.search(r"(\d+) pages in ([\d.]+) s \((\d+) docs/s\)", output)
    if not found:
        raise RuntimeError(f"{command} said:\n{output}")
    return {"command": command, "documents": int(found[1]), "seconds": float(found[2]), "docs_per_s": int(found[3])}


# Measurements over HTTP


def _total(body: bytes) -> int | None:
    found = re.search(rb'results__count">\s*([\d,]+) (?:results?|resources?)', body)
    return int(found[1].replace(b",", b"")) if found else 0


def _reachable(name: str, url: str, cookie: str) -> tuple[str, dict]:
    """``url`` and its answer. A page past the last one (the deep query on a small corpus) becomes
    the last page: that is what the portal shows there, after a second request to Elasticsearch
    that no link of the portal's own ever causes. A query in BY_NEXT is fetched as a reader gets
    there: by the "Next" link of the page before it."""
    answer = fetch(url, cookie)
    asked = re.search(r"[?&]page=(\d+)", url)
    last = max(1, math.ceil(_total(answer["body"]) / PAGE_SIZE))
    page = min(int(asked[1]), last) if asked else 1
    if name in BY_NEXT and page > 1:
        before = fetch(re.sub(r"([?&])page=\d+", rf"\g<1>page={page - 1}", url), cookie)
        link = re.search(rb'<a href="([^"]*)" rel="next"', before["body"])[1].decode()
        url = url.split("?")[0] + html.unescape(link)
        answer = fetch(url, cookie)
    elif asked and int(asked[1]) > last:
        url = re.sub(r"([?&])page=\d+", rf"\g<1>page={last}", url)
        answer = fetch(url, cookie)
    return url, answer


# An uncounted load run before each measured one: a worker's first answers (templates compiled,
# values kept with the page cache read) put seconds into the p99 of the run otherwise.
WARM_SECONDS = 2.0


def measure_search(server: Server, session: dict, config: Config, one_connection: bool = False) -> dict:
    """The portal's search page for each query of the mix, anonymous and as a member.

    With ``one_connection``, each page is also measured with one request at a time (half as
    long): the portal's own time without a second request's Elasticsearch work competing for
    the same two cores, beside the figures under load.
    """
    figures = {}
    for name, query_string in QUERIES:
        for reader, cookie in (("anonymous", ""), ("member", session["cookie"])):
            url, first = _reachable(name, f"{server.base}/search/?{query_string}", cookie)
            wrk(url, cookie, WARM_SECONDS, config.max_requests)  # not counted: warms both workers
            found = {"status": first["status"], "results": _total(first["body"]), "url": url.removeprefix(server.base)}
            figures[f"{name}/{reader}"] = found | wrk(url, cookie, config.seconds, config.max_requests)
            if one_connection:
                alone = wrk(url, cookie, config.seconds / 2, config.max_requests, connections=1)
                figures[f"{name}/{reader}"]["one_connection"] = alone
    return figures


def _warm(url: str) -> dict:
    """Fetch until the page cache answers, then a short load run that is not counted: each
    worker keeps its own copies (the harness's local-memory cache), and a worker rendering
    the page during the measured run would put a miss among the hits."""
    for _attempt in range(8):
        answer = fetch(url)
        if answer["cache"] == "hit":
            break
    wrk(url, "", WARM_SECONDS, 50_000)
    return answer


def measure_pages(server: Server, session: dict, config: Config) -> dict:
    """Home, listing, a practice and an event from the page cache and rendered, and the hello-world floor."""
    pages = {"home": "/", "listing": "/practices/", "practice": session["practice"], "event": session["event"]}
    figures = {}
    for name, path in pages.items():
        cached = f"{server.base}{path}"
        checked = _warm(cached)
        figures[f"{name}/cached"] = {"status": checked["status"], "cache": checked["cache"]}
        figures[f"{name}/cached"] |= wrk(cached, "", config.seconds, config.max_requests)
        uncached = f"{server.base}{path}{UNCACHED}"
        checked = fetch(uncached)
        figures[f"{name}/uncached"] = {"status": checked["status"], "cache": checked["cache"]}
        figures[f"{name}/uncached"] |= wrk(uncached, "", config.seconds, config.max_requests)
    hello = f"{server.base}/bench/hello/"
    figures["hello"] = {"status": fetch(hello)["status"]} | wrk(hello, "", config.seconds, config.max_requests)
    return figures


def _es_json(config: Config, path: str) -> dict:
    with urllib.request.urlopen(f"{config.elasticsearch.rstrip('/')}/{path}", timeout=30) as response:  # noqa: S310
        return json.load(response)


def round_trips(server: Server, session: dict, config: Config) -> dict:
    """Searches Elasticsearch counted for one search page (index search stats before and after)."""
    counts = {}
    for name, query_string in QUERIES:
        url, _answer = _reachable(name, f"{server.base}/search/?{query_string}", session["cookie"])
        before = _es_json(config, f"{config.index}/_stats/search")["_all"]["primaries"]["search"]["query_total"]
        fetch(url, session["cookie"])
        after = _es_json(config, f"{config.index}/_stats/search")["_all"]["primaries"]["search"]["query_total"]
        counts[name] = after - before
    return counts


def elasticsearch_memory(config: Config) -> int | None:
    pid = listening_pid(urlsplit(config.elasticsearch).port or 9200)
    return peak_memory_kb(pid) if pid else None


# One run: a size on a database


def run_database(config: Config, env: dict, session: dict, run: dict, with_pages: bool) -> None:
    say(f"N={run['size']} {run['database']}: search on the database backend")
    with Server(env, config.work / "gunicorn.log") as server:
        run["search"]["database"] = measure_search(server, session, config)
        if with_pages:
            run["pages"] = measure_pages(server, session, config)
        run["memory"]["web_workers_database_kb"] = server.peak_memory_kb()


def load_test(config: Config, env: dict, session: dict, size: int) -> dict:
    """The load scenario on its own gunicorn (the peak memory it reports is that of the load)."""
    say(f"N={size}: load test, {loadtest.USERS} users for {config.load_seconds:g} s on Elasticsearch")
    entries = loadtest.mix(step(env, "sample"))
    with Server(env, config.work / "gunicorn.log") as server:
        figures = loadtest.run(server, entries, session["cookie"], config.load_seconds, config.work)
        figures["memory"] = {"web_workers_kb": server.peak_memory_kb()}
    figures["load_average"] = [round(value, 2) for value in os.getloadavg()]
    errors = figures["errors"]["total"]
    say(f"N={size}: {figures['requests']} requests, {figures['requests_per_s']} req/s, {errors} errors")
    return figures


def run_elasticsearch(config: Config, env: dict, session: dict, run: dict) -> None:
    env = env | {"ELASTICSEARCH_URL": config.elasticsearch}
    say(f"N={run['size']}: Elasticsearch bulk indexing")
    run["indexing"]["elasticsearch"] = build_es_index(env)
    say(f"N={run['size']}: search and pages on Elasticsearch")
    with Server(env, config.work / "gunicorn.log") as server:
        run["search"]["elasticsearch"] = measure_search(server, session, config, one_connection=True)
        run["pages"] = measure_pages(server, session, config)
        run["round_trips"] = round_trips(server, session, config)
        run["memory"]["web_workers_kb"] = server.peak_memory_kb()
    run["memory"]["elasticsearch_kb"] = elasticsearch_memory(config)
    say(f"N={run['size']}: Elasticsearch took")
    run["took"] = step(env, "took")
    if run["size"] in config.load_sizes:
        run["load_test"] = load_test(config, env, session, run["size"])
    run["save"] = step(env, "save")


def run_one(config: Config, kind: str, size: int, with_elasticsearch: bool) -> dict:
    env = base_env(config) | {"DATABASE_URL": fresh_database(config, kind)}
    say(f"N={size} {kind}: loading")
    run = {"size": size, "database": kind, "load": step(env, "load", str(size))}
    say(f"N={size} {kind}: loaded in {run['load']['seconds']} s; building the database search index")
    run |= {"indexing": {"database": build_database_index(env)}, "search": {}, "memory": {}}
    session = step(env, "session")
    if with_elasticsearch:
        run_elasticsearch(config, env, session, run)
    run_database(config, env, session, run, with_pages=not with_elasticsearch)
    run.setdefault("save", step(env, "save"))
    run["listing_queries"] = step(env, "queries")
    run["load_average"] = [round(value, 2) for value in os.getloadavg()]
    return run


def run_load_only(config: Config, kind: str, size: int) -> dict:
    """The corpus, its Elasticsearch index and the load scenario; nothing else is measured. The
    database search backend's index is not built: a search it answered (Elasticsearch having
    failed) is counted as a fallback in the load scenario's figures either way."""
    env = base_env(config) | {"DATABASE_URL": fresh_database(config, kind)}
    say(f"N={size} {kind}: loading")
    run = {"size": size, "database": kind, "load": step(env, "load", str(size))}
    env |= {"ELASTICSEARCH_URL": config.elasticsearch}
    say(f"N={size}: Elasticsearch bulk indexing")
    run["indexing"] = {"elasticsearch": build_es_index(env)}
    run["load_test"] = load_test(config, env, step(env, "session"), size)
    return run


def every_run(config: Config) -> list[dict]:
    """Each size on each database; Elasticsearch and pages are measured on the first database."""
    runs = []
    for size in config.sizes:
        for position, kind in enumerate(config.databases):
            if kind == "sqlite" and size > config.sqlite_max:
                say(f"N={size}: not on SQLite (BENCH_SQLITE_MAX={config.sqlite_max})")
                continue
            runs.append(run_one(config, kind, size, with_elasticsearch=position == 0 and bool(config.elasticsearch)))
    return runs


def main() -> None:
    config = Config.from_env()
    if config.only == "load":
        if not config.elasticsearch:
            raise SystemExit("The load scenario runs on Elasticsearch: set ELASTICSEARCH_URL (bin/bench starts one)")
        config.databases = config.databases[:1]
    elif config.only:
        raise SystemExit(f"BENCH_ONLY={config.only!r}: only 'load' is known")
    config.work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    prepare_templates(config)
    if config.only == "load":
        runs = [run_load_only(config, config.databases[0], size) for size in config.sizes]
    else:
        runs = every_run(config)
    results = report.results(config, runs, started)
    paths = report.write(results, config)
    say("written: " + ", ".join(str(path) for path in paths))


if __name__ == "__main__":
    sys.exit(main())
