"""Compare practices in Chromium: from a practice page to the table, on a phone, in print,
and through axe (WCAG 2.1 A and AA)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}
LONG = "<p>" + " ".join(["Officers met each family within the first hours and kept in touch for months."] * 6) + "</p>"


@pytest.fixture
def practices(stockholm, barcelona, theme):
    """Four practices on ``theme`` with long texts, in two cities."""
    made = []
    for number, city in enumerate((stockholm, barcelona, stockholm, barcelona)):
        practice = make_practice(
            city,
            f"Family support model {number}",
            f"family-support-{number}",
            partners="Police\nSocial services\nRed Cross",
            method=LONG,
            outcomes=LONG,
            lessons_learned=LONG,
        )
        practice.themes.set([theme])
        practice.save()
        made.append(practice)
    return made


def compare_path(theme, practices) -> str:
    return f"/practices/compare/?theme={theme.slug}" + "".join(f"&practice={p.pk}" for p in practices)


def test_from_a_practice_page_to_the_table(page, practices, theme):
    page.goto(practices[0].url)
    page.get_by_role("link", name=f"Compare with other practices on {theme.name}").click()
    assert page.get_by_role("checkbox", name=re.compile("Family support model 0")).is_checked()
    page.get_by_role("checkbox", name=re.compile("Family support model 1")).check()
    page.get_by_role("button", name="Compare the ticked practices").click()
    headers = page.locator("thead th[scope=col]").all_inner_texts()
    # In the picker's order, by city: model 1 is Barcelona's, model 0 Stockholm's.
    assert [h.strip() for h in headers] == ["Family support model 1", "Family support model 0"]
    assert page.get_by_role("rowheader", name="Partners and agencies").is_visible()


def test_on_a_phone_the_table_scrolls_in_its_box_and_keeps_its_row_labels(browser, live_server, practices, theme):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(compare_path(theme, practices))
        sizes = page.evaluate(
            """() => {
              const box = document.querySelector('.compare-scroll');
              return {page: document.documentElement.scrollWidth, screen: window.innerWidth,
                      inner: box.scrollWidth, outer: box.clientWidth};
            }"""
        )
        assert sizes["page"] <= sizes["screen"], sizes  # the page itself never scrolls sideways
        assert sizes["inner"] > sizes["outer"], sizes  # the table does, inside its box
        label = page.get_by_role("rowheader", name="Partners and agencies")
        before = label.bounding_box()["x"]
        page.locator(".compare-scroll").evaluate("box => box.scrollBy(600, 0)")
        assert abs(label.bounding_box()["x"] - before) < 2  # the row labels stay in view
    finally:
        context.close()


def test_in_print_the_table_fits_a_landscape_page_without_the_picker(page, practices, theme):
    page.set_viewport_size({"width": 1000, "height": 700})  # about the width of A4 landscape
    page.goto(compare_path(theme, practices))
    page.emulate_media(media="print")
    assert not page.locator(".compare-change").is_visible()
    fits = page.evaluate(
        "() => { const b = document.querySelector('.compare-scroll'); return b.scrollWidth <= b.clientWidth; }"
    )
    assert fits
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(n) for n in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert width > height  # A4 landscape, as the stylesheet asks


def test_the_compare_pages_pass_axe(page, practices, theme):
    axe = Axe()
    found = []
    for url in ("/practices/compare/", compare_path(theme, []), compare_path(theme, practices)):
        page.goto(url)
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
            found.append(f"{url}: {violation['id']}: {violation['help']} [{targets}]")
    assert not found, "\n".join(found)
