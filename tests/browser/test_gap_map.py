"""The knowledge-gap map in a real browser: a member opens it from the navigation, narrows it
to one phase, and follows a cell to the search, which lists exactly the items counted."""

import re

import pytest

from resources.choices import Phase
from tests.browser.content import sign_in
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def practices(stockholm, theme):
    """Two practices on victim support in Stockholm that prevent, one that responds."""
    for title, phase in (("Quiet rooms", Phase.PREVENT), ("Helpline", Phase.PREVENT), ("Debrief", Phase.RESPOND)):
        PracticePageFactory(parent=stockholm, title=title, phase=phase, themes=[theme])


def test_member_filters_the_map_and_follows_a_cell_to_the_search(page, practices, member, theme):
    sign_in(page, member.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Gap map").click()
    page.wait_for_url("**/insights/gap-map/")
    stockholm = page.get_by_role("row", name=re.compile("^Stockholm"))
    column = [name.strip() for name in page.locator("table.gap-map thead th").all_inner_texts()].index(theme.name)
    assert stockholm.locator("th, td").nth(column).inner_text().strip() == "3"

    page.locator("fieldset").filter(has_text="Phase").get_by_label("Prevent").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**phase=prevent**")
    cell = stockholm.locator("th, td").nth(column)
    assert re.match(r"2 ▪\s+\(thin\)", cell.inner_text().strip())  # 1 or 2 items: thin, said in words too

    cell.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/search/\?.*city=stockholm.*phase=prevent"))
    assert page.locator(".search-hits > li").count() == 2
    assert "2 resources" in page.locator("#results-heading").inner_text()
