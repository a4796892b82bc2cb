"""What a visitor and a network member do in a real browser: browse from the home
page to a practice and download its PDF, search and narrow by a facet, add an
event to a calendar, switch to Swedish; sign in, read a members-only practice,
register for an event and cancel."""

import re

import pytest

from resources.models import Registration
from tests.browser.content import PDF_NAME, build_content, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def content(site_tree, stockholm, theme):
    return build_content(site_tree, stockholm, theme)


def test_visitor_browses_from_home_to_a_practice_and_downloads_its_pdf(page, content):
    page.goto("/")
    page.get_by_role("link", name="Stockholm").first.click()
    page.wait_for_url(f"**{content.city.url}")
    page.get_by_role("link", name="Flood drill for resilience").first.click()
    page.wait_for_url(f"**{content.practice.url}")
    link = page.get_by_role("link", name="Flood drill checklist")
    # Chromium opens PDFs in its viewer rather than as a download: fetch what the link serves, as the browser.
    response = page.context.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    # Storage adds a suffix when an earlier test left a file of the same name.
    stem = PDF_NAME.removesuffix(".pdf")
    assert re.search(rf'filename="{stem}(_\w+)?\.pdf"', response.headers["content-disposition"])
    assert response.body().startswith(b"%PDF-")


def test_visitor_searches_and_narrows_by_a_facet(page, content):
    page.goto("/search/?q=resilience")
    hits = page.locator(".search-hits > li")
    assert hits.count() >= 2
    facet = page.locator("fieldset.facet").filter(has_text="Type").get_by_label(re.compile("^Research"))
    facet.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**type=research**")
    assert hits.count() == 1
    assert "Resilience after attacks" in hits.first.inner_text()
    assert page.locator("fieldset.facet").filter(has_text="Type").get_by_label(re.compile("^Research")).is_checked()


def test_visitor_adds_an_event_to_a_calendar(page, content):
    page.goto(content.event.url)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Add to your calendar")).click()
    with open(info.value.path(), encoding="utf-8") as ics:
        text = ics.read()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Annual resilience meeting" in text


def test_visitor_switches_to_swedish(page, site_tree):
    page.goto("/")
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    # Page titles in the nav are content; the "Practices" link is the interface's own word.
    nav = page.get_by_role("navigation", name=re.compile("Main|Huvud", re.I)).inner_text()
    assert re.search(r"Praxis|Praktiker|Experter", nav), nav


def test_member_reads_a_members_only_practice_registers_and_cancels(page, content, member):
    page.goto(content.private_practice.url)
    assert "/accounts/login/" in page.url
    sign_in(page, member.email, next_url=content.private_practice.url)
    assert page.get_by_text("For members only.").first.is_visible()

    page.goto(content.event.url)
    page.get_by_role("button", name="Register").click()
    box = page.locator("#registration")
    assert box.get_by_text("You are registered.").is_visible()
    assert Registration.objects.filter(event=content.event, user=member, status="registered").exists()

    page.get_by_role("button", name="Cancel my registration").click()
    assert box.get_by_role("button", name="Register").is_visible()
    assert not Registration.objects.filter(event=content.event, user=member, status="registered").exists()
