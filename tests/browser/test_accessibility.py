"""axe-core (WCAG 2.0/2.1 A and AA) on every page type, in English and Swedish,
for a visitor and for signed-in members and hosts; and the keyboard paths that
matter most: ticking a search facet and moving through the month calendar."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from resources.choices import RegistrationStatus
from resources.models import Registration
from tests.browser.content import build_content, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
LANGUAGES = ["en", "sv"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def content(site_tree, stockholm, theme):
    return build_content(site_tree, stockholm, theme)


def public_pages(content):
    return [
        ("home", "/"),
        ("city index", content.city.get_parent().url),
        ("city", content.city.url),
        ("practice list", "/practices/"),
        ("practice", content.practice.url),
        ("research index", content.research.get_parent().url),
        ("research", content.research.url),
        ("event index", content.event.get_parent().url),
        ("event", content.event.url),
        ("month calendar", f"/events/calendar/?month={content.month}"),
        ("search with results", "/search/?q=resilience"),
        ("sign-in", "/accounts/login/"),
        ("404", "/no-such-page/"),
    ]


def member_pages(content):
    return [
        ("members-only practice", content.private_practice.url),
        ("expert directory", "/experts/"),
        ("gap map", "/insights/gap-map/"),
        ("account profile", "/accounts/profile/"),
        ("calendar feed page", "/accounts/calendar/"),
        ("event with registration box", content.event.url),
    ]


def violations(page, axe, pages) -> list[str]:
    """One line per axe violation on each of ``pages``: the rule, its help and the nodes it found."""
    found = []
    for name, url in pages:
        page.goto(url)
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
            found.append(f"{name} ({url}): {violation['id']}: {violation['help']} [{targets}]")
    return found


def assert_accessible(found):
    assert not found, f"{len(found)} accessibility violation(s):\n" + "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_pass_axe(new_page, axe, content, language):
    page = new_page(language)
    found = violations(page, axe, public_pages(content))
    assert page.locator("html").get_attribute("lang") == language  # the cookie did choose the language
    assert_accessible(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_and_host_pages_pass_axe(new_page, axe, content, language, member, expert, secretariat):
    profile = expert.expert_profile
    profile.display_name = "Eva Expert"
    profile.save()
    Registration.objects.create(event=content.event, user=member, status=RegistrationStatus.REGISTERED)

    page = new_page(language)
    sign_in(page, member.email)
    found = violations(page, axe, member_pages(content))

    host = new_page(language)
    sign_in(host, secretariat.email, totp_for=secretariat)
    found += violations(host, axe, [("host registration list", f"/events/{content.event.pk}/registrations/")])
    assert_accessible(found)


def _tab_until(page, selector, limit=80) -> bool:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return True
    return False


def test_a_search_facet_is_ticked_with_the_keyboard(new_page, content):
    page = new_page()
    page.goto("/search/?q=resilience")
    page.locator("#search-q").focus()
    assert _tab_until(page, ".facet input[type=checkbox]"), "no facet checkbox reached with Tab"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Space")
    assert not page.evaluate("document.activeElement.checked")


def test_the_month_calendar_is_walked_with_tab_and_shows_focus(new_page, content):
    page = new_page()
    page.goto(f"/events/calendar/?month={content.month}")
    page.locator(".calendar-nav a").first.focus()
    assert _tab_until(page, ".calendar-events a"), "the event in the calendar is not reached with Tab"
    assert content.event.title in page.evaluate("document.activeElement.textContent")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.backgroundColor, s.boxShadow, s.outlineStyle]; })()"
    )
    assert style[1] != "none" or style[2] != "none", f"no visible focus: {style}"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{content.event.url}")


def test_the_stylesheet_has_a_focus_visible_style():
    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    for element in ("a", "button", "input", "select", "summary"):
        assert re.search(rf"(^|[\s,]){element}:focus-visible", css), element
