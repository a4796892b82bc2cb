"""Browser tests: Debian's Chromium driven by Playwright against a live server.

The browser is the system's (CHROMIUM_PATH, default /usr/bin/chromium); it is
launched once per run and gets a fresh context per test.
"""

import os
import shutil
import time

import pytest
from django.db import connection

from tests.conftest import restore_migrated_data

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _migrated_data_outlives_the_run(django_db_setup, django_db_blocker):
    """Browser tests end with a flush that empties every table; put back what the
    migrations created (root page, groups, workflow) so a reused database still works."""
    yield
    restore_migrated_data(django_db_blocker)


def _serialized_contents() -> dict:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _keep_serialized_contents(contents: dict) -> None:
    """Playwright's sync API switches the context Django's connections live in: the
    connection objects seen afterwards are new ones, without the snapshot that
    serialized_rollback reloads after each flush. Hand the snapshot over."""
    from django.db import connections

    for alias, value in contents.items():
        connections[alias]._test_serialized_contents = value


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run bin/chromium-up (make test does) or set CHROMIUM_PATH")
    contents = _serialized_contents()
    with sync_playwright() as playwright:
        _keep_serialized_contents(contents)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    _wait_for_the_live_server()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a context of its own: ``new_page(language="sv")`` sets the
    interface language cookie as the language switcher would."""
    contexts = []

    def open_page(language=None):
        context = browser.new_context(base_url=live_server.url)
        if language:
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()
    _wait_for_the_live_server()


def _wait_for_the_live_server(seconds: float = 15) -> None:
    """Closing the browser does not end a request it had sent (the admin's editing-session
    ping, say): the live server may still be in its transaction when the test's tables are
    emptied, and the two deadlock. Wait until no other connection to the database is busy."""
    if connection.vendor != "postgresql":
        return
    busy = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'"
    )
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(busy)
            if not cursor.fetchone()[0]:
                return
            time.sleep(0.05)
