"""The Content Security Policy in Chromium: the main public pages load without a single
violation under the strict policy (no inline scripts or styles), and what they do with
scripts still works: search suggestions, the city map's links, the search, language and
sign-in forms, an editor's Wagtail userbar. The admin works under its own laxer policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.content import build_content, main_pages, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs before any script of the page: every violation the page reports is kept.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watched:
    """A page whose CSP violations are collected: the DOM event and Chromium's console report."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> dict:
        """Open ``url``; returns its Content-Security-Policy as {directive: [sources]}."""
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        header = response.headers.get("content-security-policy", "")
        return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}

    def violations(self) -> list[str]:
        return self.console + self.page.evaluate("window.__cspViolations || []")


@pytest.fixture
def content(site_tree, stockholm, theme):
    stockholm.latitude, stockholm.longitude = "59.33", "18.07"
    stockholm.save_revision().publish()
    return build_content(site_tree, stockholm, theme)


@pytest.fixture
def watched(page):
    return Watched(page)


def test_main_public_pages_load_without_violations_under_the_strict_policy(watched, content, site_tree):
    for url in main_pages(content, site_tree):
        csp = watched.visit(url)
        assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"], url
        assert watched.violations() == [], url
    # The stylesheet did apply: the header is the portal's dark band, not an unstyled page.
    watched.visit("/")
    header_colour = watched.page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_search_suggestions_and_the_search_form_work(watched, content):
    watched.visit("/")
    box = watched.page.locator("#site-search-q")
    box.press_sequentially("Flood")
    suggestion = "#site-search-q-suggestions option[value='Flood drill for resilience']"
    watched.page.wait_for_selector(suggestion, state="attached")
    box.fill("resilience")
    box.press("Enter")
    watched.page.wait_for_url("**/search/?q=resilience")
    assert watched.page.locator(".search-hits > li").count() >= 2
    assert watched.violations() == []


def test_the_city_map_links_to_the_city(watched, content):
    watched.visit("/")
    watched.page.locator(".city-map__city", has_text="Stockholm").click()
    watched.page.wait_for_url(f"**{content.city.url}")
    assert watched.violations() == []


def test_language_and_sign_in_forms_post_and_a_member_reads_without_violations(watched, content, member):
    watched.visit("/")
    watched.page.get_by_role("button", name="Svenska").click()
    watched.page.wait_for_load_state()
    assert watched.page.locator("html").get_attribute("lang") == "sv"
    watched.page.locator("button[lang=en]").click()  # named "Engelska" in Swedish
    watched.page.wait_for_load_state()
    sign_in(watched.page, member.email, next_url=content.private_practice.url)
    assert watched.page.get_by_text("For members only.").first.is_visible()
    for url in [content.event.url, "/search/?q=closed", "/accounts/profile/"]:
        watched.visit(url)
        assert watched.violations() == [], url


def test_an_editors_userbar_works_under_the_strict_policy(watched, content, secretariat):
    sign_in(watched.page, secretariat.email, totp_for=secretariat, next_url=content.practice.url)
    watched.visit(content.practice.url)
    watched.page.locator("#wagtail-userbar-trigger").click()
    expect(watched.page.get_by_role("menuitem", name=re.compile("Edit this page"))).to_be_visible()
    assert watched.violations() == []


def test_the_admin_works_under_its_own_policy(watched, content, secretariat):
    sign_in(watched.page, secretariat.email, totp_for=secretariat, next_url="/admin/")
    for url in ["/admin/", f"/admin/pages/{content.practice.pk}/edit/"]:
        csp = watched.visit(url)
        assert "'unsafe-inline'" in csp["script-src"], url
        assert watched.violations() == [], url
    # The editor rendered its form (its title field holds the page title).
    assert watched.page.locator("#id_title").input_value() == "Flood drill for resilience"
