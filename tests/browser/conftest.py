"""Browser tests: Debian's Chromium driven by Playwright against a live server.

The browser is the system's (CHROMIUM_PATH, default /usr/bin/chromium); it is
launched once per run and gets a fresh context per test.
"""

import os
import shutil

import pytest

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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run bin/chromium-up (make test does) or set CHROMIUM_PATH")
    with sync_playwright() as playwright:
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
