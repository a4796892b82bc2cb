"""PostgreSQL stops under load: every request answers 503 at once while it is down, and the
portal recovers by itself, without restarting gunicorn, once it is back.

The drill runs the portal as production does: gunicorn with production's settings (the
database cache, sessions in the database, collected static files) against a PostgreSQL
server of this module's own, started with initdb and pg_ctl in a temporary folder, so it can
be stopped and started without disturbing the shared one. The demo network is loaded into it
(``seed_demo``) with one member account. A few threads request public pages, a search and a
members-only page as a signed-in member while PostgreSQL is stopped (``pg_ctl stop -m fast``,
then ``-m immediate``, a crash) and started again.
"""

from __future__ import annotations

import html
import http.client
import json
import logging
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.db import InterfaceError, OperationalError
from django.utils import translation

from portal.errors import RETRY_AFTER_SECONDS, server_error

BASE_DIR = Path(django_settings.BASE_DIR)
HOST = "ctpn.example.org"
DB_USER, DB_PASSWORD, DB_NAME = "ctpn", "drill-only-password", "ctpn"  # noqa: S105 - a throwaway server
MEMBER_EMAIL, MEMBER_PASSWORD = "drill.member@example.org", "A member's password for the drill"  # noqa: S105
CLIENT_THREADS = 4
REQUEST_TIMEOUT = 10  # seconds: an answer slower than this counts as a hang
OUTAGE_SECONDS = 4
RECOVERY_DEADLINE = 30
UNAVAILABLE_TITLE = "Briefly unavailable"


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


pytestmark = pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL's server programs are not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A PostgreSQL cluster in a folder of its own, on a free port, stopped and started at will.
    Run as the ``postgres`` user when the tests run as root (the server refuses root)."""

    def __init__(self):
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="ctpn-pg-outage-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://{DB_USER}:{DB_PASSWORD}@127.0.0.1:{self.port}/{DB_NAME}"

    def _run(self, *argv: str, owner: bool = True) -> None:
        command = [*(self.as_owner if owner else []), str(self.bin / argv[0]), *argv[1:]]
        env = {**os.environ, "PGPASSWORD": DB_PASSWORD}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
        assert done.returncode == 0, f"{' '.join(argv)}:\n{done.stdout}\n{done.stderr}"

    def create(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(DB_PASSWORD)
        if self.as_owner:
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            *("initdb", "-D", str(self.data), "-U", DB_USER, f"--pwfile={password_file}"),
            *("--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"),
        )
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", DB_USER, DB_NAME, owner=False)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "postgres.log"), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


# The site's member and the pages the drill asks for, made in the drill's database.
SETUP = """
import json, django
django.setup()
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageViewRestriction
from members.choices import Role
from members.roles import grant_role
from resources.models import CityPage, PracticePage

email, password = {email!r}, {password!r}
user = get_user_model().objects.create_user(username=email, email=email, password=password)
EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
grant_role(user, Role.NETWORK_MEMBER)
restricted = PageViewRestriction.objects.filter(page__live=True).first().page.specific
public = PracticePage.objects.live().public().first()
print(json.dumps({{
    "city": CityPage.objects.live().public().first().url,
    "practice": public.url,
    "word": public.title.split()[0],
    "members_only": restricted.url,
    "members_only_title": restricted.title,
}}))
"""


class Portal:
    """gunicorn serving the portal with production's settings against ``database_url``."""

    def __init__(self, database_url: str):
        self.root = Path(tempfile.mkdtemp(prefix="ctpn-portal-outage-"))
        self.port = free_port()
        self.log = self.root / "gunicorn.log"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "drill-key-from-the-environment-" + "q8Vz3" * 10,
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(self.root / "static"),
            "MEDIA_ROOT": str(self.root / "media"),
            "PORTAL_VAR_DIR": str(self.root / "var"),
        }
        self.server: subprocess.Popen | None = None

    def manage(self, *argv: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, *argv], cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{' '.join(argv)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def install(self) -> dict:
        """Migrate, load the demo network, build the database's search index, collect static
        files; returns the member's pages (SETUP)."""
        for command in (
            # The cache table first: migrations that save pages bump the page cache's generation.
            ["createcachetable"],
            ["migrate", "--noinput"],
            ["seed_demo"],
            ["search_index", "rebuild", "--database"],
            ["collectstatic", "--noinput"],
        ):
            self.manage("manage.py", *command)
        out = self.manage("-c", SETUP.format(email=MEMBER_EMAIL, password=MEMBER_PASSWORD))
        return json.loads(out.strip().splitlines()[-1])

    def start(self) -> None:
        command = [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
            *("-c", "portal/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"),
            "portal.wsgi",
        ]
        # A file, not a pipe: a pipe nobody reads would block gunicorn once full.
        with self.log.open("w") as log:
            self.server = subprocess.Popen(command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log)  # noqa: S603
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(self.port, "/healthz").status == 200:
                    return
            except OSError:
                pass
            assert self.server.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, self.log.read_text()
            time.sleep(0.3)

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def fetch(port: int, path: str, *, cookies: dict | None = None, method: str = "GET", form: dict | None = None):
    """One request as the TLS proxy forwards it (Host, X-Forwarded-Proto), on a new connection."""
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"}
        headers["Referer"] = f"https://{HOST}{path}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def cookies_set(answer: Answer) -> dict[str, str]:
    jar = SimpleCookie()
    for header in answer.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(port: int) -> dict[str, str]:
    """The member signs in through allauth's form; returns the session's cookies."""
    page = fetch(port, "/accounts/login/")
    assert page.status == 200, page.status
    cookies = cookies_set(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    form = {"csrfmiddlewaretoken": token, "login": MEMBER_EMAIL, "password": MEMBER_PASSWORD}
    done = fetch(port, "/accounts/login/", cookies=cookies, method="POST", form=form)
    assert done.status == 302, (done.status, done.body[:2000])
    cookies |= cookies_set(done)
    assert "sessionid" in cookies
    return cookies


@dataclass
class Site:
    postgres: PostgresServer
    portal: Portal
    pages: dict
    member_cookies: dict

    def requests(self) -> list[tuple[str, dict | None]]:
        """What the load asks for: (path, cookies)."""
        search = "/search/?" + urlencode({"q": self.pages["word"]})
        return [
            ("/", None),
            (self.pages["city"], None),
            (self.pages["practice"], None),
            ("/practices/", None),
            (search, None),
            (self.pages["members_only"], self.member_cookies),
            (search, self.member_cookies),
        ]


@pytest.fixture(scope="module")
def site():
    postgres = PostgresServer()
    portal = None
    try:
        postgres.create()
        portal = Portal(postgres.url)
        pages = portal.install()
        portal.start()
        site = Site(postgres, portal, pages, sign_in(portal.port))
        members_page = fetch(portal.port, pages["members_only"], cookies=site.member_cookies)
        assert members_page.status == 200
        assert pages["members_only_title"] in html.unescape(members_page.body)
        yield site
    finally:
        if portal is not None:
            portal.stop()
        postgres.remove()


@dataclass
class Result:
    path: str
    started: float
    finished: float
    status: int | None  # None: no answer within REQUEST_TIMEOUT, or the connection failed
    error: str = ""

    @property
    def seconds(self) -> float:
        return self.finished - self.started


class Load:
    """``CLIENT_THREADS`` threads requesting the site's pages in turn until stopped."""

    def __init__(self, site: Site):
        self.site = site
        self.results: list[Result] = []
        self.running = threading.Event()
        self.threads = [threading.Thread(target=self._work, args=(n,), daemon=True) for n in range(CLIENT_THREADS)]

    def __enter__(self) -> Load:
        self.running.set()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.running.clear()
        for thread in self.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    def _work(self, offset: int) -> None:
        plan = self.site.requests()
        n = offset
        while self.running.is_set():
            path, cookies = plan[n % len(plan)]
            n += 1
            started = time.monotonic()
            try:
                status, error = fetch(self.site.portal.port, path, cookies=cookies).status, ""
            except OSError as failure:  # refused, reset or timed out
                status, error = None, repr(failure)
            self.results.append(Result(path, started, time.monotonic(), status, error))
            time.sleep(0.02)

    def between(self, start: float, end: float = float("inf")) -> list[Result]:
        """The requests sent and answered within [start, end]."""
        return [r for r in list(self.results) if r.started >= start and r.finished <= end]

    def wait_for_answers(self, since: float, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.between(since)) < count and time.monotonic() < deadline:
            time.sleep(0.1)


def recovery_seconds(results: list[Result], back: float) -> float | None:
    """From PostgreSQL being back to the first success after the last failed request sent
    since; None when requests still fail."""
    since = sorted((r for r in results if r.started >= back), key=lambda r: r.started)
    failures = [r for r in since if r.status != 200]
    after = [r for r in since if r.status == 200 and (not failures or r.started > failures[-1].started)]
    if not after:
        return None
    return min(r.finished for r in after) - back


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# The error view, in this process (no database is open to it: pytest-django refuses any query).


def test_a_lost_database_connection_answers_503_without_touching_the_database(rf, caplog):
    translation.activate("en")  # the language an earlier test's request left active does not carry over
    request = rf.get("/resources/drill/")
    for error in (OperationalError("connection refused"), InterfaceError("connection already closed")):
        try:
            raise error
        except type(error):
            with caplog.at_level(logging.WARNING, logger="portal.errors"):
                response = server_error(request)
        assert response.status_code == 503
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "no-store" in response["Cache-Control"]
        page = response.content.decode()
        assert UNAVAILABLE_TITLE in page and '<link rel="stylesheet" href="/static/css/error.css">' in page
    # One warning line for the request, however many middlewares passed the error on; no traceback.
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [("WARNING", None)]
    assert "GET /resources/drill/ answered 503 (OperationalError: connection refused)" in caplog.text


def test_a_database_error_raised_while_handling_another_counts_too(rf):
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as lost:
            raise RuntimeError("the template could not load its menu") from lost
    except RuntimeError:
        assert server_error(rf.get("/")).status_code == 503


def test_the_health_check_answers_json_even_when_a_middleware_failed(rf):
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/healthz"))
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "down", "database": "unavailable"}
    assert "no-store" in response["Cache-Control"]


def test_any_other_error_is_still_a_500(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response


# The drill


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_postgresql_stopped_under_load_answers_503_then_recovers_by_itself(site, drill, mode):
    postgres, port = site.postgres, site.portal.port
    with Load(site) as load:
        warmed = time.monotonic()
        load.wait_for_answers(warmed, 2 * CLIENT_THREADS * len(site.requests()))  # every worker connected
        stopping = time.monotonic()
        postgres.stop(mode)
        stopped = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        health = fetch(port, "/healthz")
        unavailable = fetch(port, site.pages["practice"])
        starting = time.monotonic()
        postgres.start()
        back = time.monotonic()
        deadline = back + RECOVERY_DEADLINE
        while recovery_seconds(load.results, back) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        recovered = time.monotonic()
        load.wait_for_answers(recovered, 2 * len(site.requests()))
        done = time.monotonic()

    results = list(load.results)
    before, outage, after = load.between(warmed, stopping), load.between(stopped, starting), load.between(recovered)
    label = f" (pg_ctl stop -m {mode})"
    slowest = max(r.seconds for r in outage)
    drill.figure("requests during the outage" + label, len(outage))
    drill.figure("503 answers" + label, sum(r.status == 503 for r in results))
    drill.figure("5xx other than 503" + label, sum((r.status or 0) >= 500 and r.status != 503 for r in results))
    drill.figure(
        "slowest answer during the outage" + label,
        f"{milliseconds(slowest)} (p95 {milliseconds(statistics.quantiles([r.seconds for r in outage], n=20)[-1])})",
    )
    seconds = recovery_seconds(results, back)
    drill.figure("recovered after PostgreSQL was back" + label, f"{seconds:.2f} s" if seconds is not None else "never")

    # Before: everything answers. Throughout: 200 or 503, never a 500, never a hang.
    assert before and {r.status for r in before} == {200}
    assert [r for r in results if r.status not in (200, 503)] == [], "an answer that was neither 200 nor 503"
    # While PostgreSQL is down: every request is a quick 503, the health check says so.
    assert len(outage) >= CLIENT_THREADS and {r.status for r in outage} == {503}
    assert slowest < REQUEST_TIMEOUT
    assert unavailable.status == 503 and unavailable.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert UNAVAILABLE_TITLE in unavailable.body and unavailable.headers["Content-Security-Policy"]
    # The load balancer's check: 503, and JSON, though the page cache's lookup failed before the view.
    assert health.status == 503 and json.loads(health.body) == {"status": "down", "database": "unavailable"}
    # Back: without restarting gunicorn, every request answers again, the member's session
    # still holds, and signing in works.
    assert seconds is not None, "requests still failed after PostgreSQL was back"
    assert len(after) >= len(site.requests()) and {r.status for r in after} == {200}, (recovered, done)
    assert site.portal.server.poll() is None
    assert fetch(port, "/healthz").status == 200
    fresh = sign_in(port)
    members_page = fetch(port, site.pages["members_only"], cookies=fresh)
    assert members_page.status == 200 and site.pages["members_only_title"] in html.unescape(members_page.body)


def test_the_log_has_one_warning_per_failed_request_and_no_traceback(site):
    log = site.portal.log.read_text()
    warnings = [line for line in log.splitlines() if "Database unavailable" in line]
    answered_503 = [line for line in log.splitlines() if re.search(r'" 503 \d+ ', line)]
    assert warnings, log[-5000:]
    assert "Traceback" not in log
    assert len(warnings) == len(answered_503)


def test_a_restart_while_the_portal_is_idle_costs_no_request(site, drill):
    """Each worker's kept connection is broken by the restart; the health check before its
    next use replaces it, so no reader sees an error."""
    plan = site.requests()
    for path, cookies in plan:  # every worker holds a connection
        assert fetch(site.portal.port, path, cookies=cookies).status == 200
    site.postgres.stop("fast")
    site.postgres.start()
    statuses = [fetch(site.portal.port, path, cookies=cookies).status for path, cookies in plan * 2]
    drill.figure("failed requests after a restart while idle", sum(status != 200 for status in statuses))
    assert set(statuses) == {200}
