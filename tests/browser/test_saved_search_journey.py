"""Saved searches in a real browser: a member saves a search from the search page, finds it under
their account, switches its emails to weekly, and the alert email's link stops them."""

import re

import pytest

from alerts.choices import Frequency
from alerts.models import SavedSearch
from tests.browser.content import sign_in
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_saves_a_search_and_manages_its_emails(page, member, stockholm):
    PracticePageFactory(parent=stockholm, title="Harbour evacuation drill")
    sign_in(page, member.email)
    page.goto("/search/?q=harbour&city=stockholm")

    page.get_by_text("Save this search", exact=True).first.click()  # opens the form
    page.get_by_label("As soon as something new matches").check()
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url("**/search/?q=harbour&city=stockholm")
    assert "New matches are emailed to you as they appear." in page.locator(".messages").inner_text()
    assert "You saved this search as ““harbour” · Stockholm”." in page.locator(".save-search").inner_text()

    page.goto("/accounts/profile/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Saved searches").click()
    page.wait_for_url("**/accounts/saved-searches/")
    page.get_by_role("link", name=re.compile("^Change")).click()
    page.get_by_label("Name").fill("Harbours in Stockholm")
    page.get_by_label("Once a week").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/accounts/saved-searches/")
    assert "Harbours in Stockholm" in page.get_by_role("heading", level=2).inner_text()
    assert "Emails: Once a week" in page.locator(".saved-search").inner_text()
    saved = SavedSearch.objects.get(user=member)
    assert (saved.name, saved.frequency, saved.query_string) == (
        "Harbours in Stockholm",
        Frequency.WEEKLY,
        "q=harbour&city=stockholm",
    )

    from alerts.emails import unsubscribe_url

    page.goto(unsubscribe_url(saved).removeprefix("http://testserver"))
    page.get_by_role("button", name="Stop these emails").click()
    assert "You will get no more emails" in page.get_by_role("status").inner_text()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.OFF
