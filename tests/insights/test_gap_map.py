"""The knowledge-gap map (/insights/gap-map/, its CSV and its SVG chart) as network members use it.

Each cell must equal what the search finds for that city and theme with the same filters,
for the same reader: checked on both backends, for an anonymous reader (through the
service: the page turns them away), a member and a member of a named group (through the
page, following every cell's link). The content is built once for the module.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.site_structure import ensure_site_structure
from insights.charts import legend_entries
from insights.gap_map import level
from members.choices import Role
from members.roles import grant_role
from resources.choices import EvaluationType, Phase
from resources.models import Theme
from search.service import SearchFilters, gap_map, search
from tests.conftest import PASSWORD, make_city, restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory
from tests.search.helpers import kept_for_module, links

PAGE, CSV, SVG = "/insights/gap-map/", "/insights/gap-map.csv", "/insights/gap-map.svg"
VS, CP, TE = "victim-support", "protection-of-crowded-places", "training-and-exercises"
TASKFORCE = "Harbour taskforce"


def practice(city, title, themes, year, phase=Phase.PREVENT, evaluation=EvaluationType.NONE):
    return PracticePageFactory(
        parent=city,
        title=title,
        themes=[Theme.objects.get(slug=slug) for slug in themes],
        start_date=datetime.date(year, 4, 1),
        phase=phase,
        evaluation=evaluation,
    )


def restrict_to_group(page, group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """Three cities (Rotterdam has shared nothing); public, members-only and taskforce-only practices,
    research about Barcelona and about no city, an event, and a draft that counts for nobody."""
    with kept_for_module(django_db_blocker):
        _home, cities, research, events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        barcelona = make_city(cities, "Barcelona", "barcelona", country="ES")
        rotterdam = make_city(cities, "Rotterdam", "rotterdam", country="NL")
        taskforce = Group.objects.create(name=TASKFORCE)
        practice(stockholm, "Victim support desks", [VS, CP], 2019)
        practice(stockholm, "Family liaison", [VS], 2021, Phase.RESPOND, EvaluationType.EXTERNAL)
        restrict_to_members(practice(stockholm, "Arena perimeter", [CP], 2022, Phase.PROTECT))
        restrict_to_group(practice(stockholm, "Harbour victim drill", [VS], 2020), taskforce)
        practice(barcelona, "Rambla bollards", [CP], 2020, evaluation=EvaluationType.INTERNAL)
        themes = {slug: Theme.objects.get(slug=slug) for slug in (VS, CP, TE)}
        ResearchPageFactory(
            parent=research,
            title="Victims after Barcelona",
            themes=[themes[VS]],
            cities=[barcelona],
            peer_reviewed=True,
            publication_date=datetime.date(2018, 2, 1),
        )
        ResearchPageFactory(parent=research, title="Crowds in general", themes=[themes[CP]])
        EventPageFactory(parent=events, title="Exercise day", themes=[themes[TE]], host_city=barcelona)
        draft = practice(stockholm, "Unfinished drill", [TE], 2021)
        draft.unpublish()
        yield {"taskforce": taskforce, "stockholm": stockholm, "barcelona": barcelona, "rotterdam": rotterdam}


@pytest.fixture
def stockholm(corpus):
    """The module's Stockholm, so that the ``stockholm_editor`` fixture edits it."""
    return corpus["stockholm"]


@pytest.fixture
def barcelona(corpus):
    return corpus["barcelona"]


@pytest.fixture
def content(db, corpus, search_backend):
    search_backend.sync()
    return corpus


@pytest.fixture
def group_member(django_user_model, corpus):
    user = django_user_model.objects.create_user("taskforce@example.org", "taskforce@example.org", PASSWORD)
    grant_role(user, Role.NETWORK_MEMBER)
    user.groups.add(corpus["taskforce"])
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def cells(result) -> dict[tuple[str, str], int]:
    """Every cell of a GapMap, empty ones included."""
    return {(city, theme): result.count(city, theme) for city, _t in result.cities for theme, _n in result.themes}


def assert_matches_search(result, user):
    """Each cell equals the theme facet of the search for its city with the same filters, and
    each city's total that search's total."""
    for city, _title in result.cities:
        found = search("", replace(result.filters, cities=(city,)), user)
        facet = next(f for f in found.facets if f.name == "theme")
        by_theme = {option.value: option.count for option in facet.values}
        themes = [theme for theme, _name in result.themes]
        assert {t: result.count(city, t) for t in themes} == {t: by_theme.get(t, 0) for t in themes}
        assert result.city_totals.get(city, 0) == found.total


def assert_links_find_counts(client, response):
    """Every cell and total on the page links to a search that shows exactly that many results."""
    table = response.context["matrix"]
    page_links = links(response)
    every = [cell for row in table.rows for cell in (*row.cells, row.total)] + [*table.theme_totals, table.total]
    for cell in every:
        assert cell.url in page_links
        assert client.get(cell.url).context["results"].total == cell.count, cell.url


# The filter sets each comparison runs with: none, a phase and a period, a kind of evidence, every type.
FILTERS = [
    "",
    "phase=prevent&year_from=2019&year_to=2021",
    "evidence=external-evaluation&evidence=peer-reviewed",
    "type=practice&type=research&type=event",
]


def form_filters(query: str) -> SearchFilters:
    from django.http import QueryDict

    from insights.forms import GapMapForm

    return GapMapForm(QueryDict(query)).search_filters()


# Counts as each reader sees them.


def test_anonymous_counts_public_items_only(content):
    result = gap_map(SearchFilters(), AnonymousUser())
    assert [slug for slug, _title in result.cities] == ["barcelona", "rotterdam", "stockholm"]
    assert cells(result)[("stockholm", VS)] == 2
    assert cells(result)[("stockholm", CP)] == 1
    assert cells(result)[("barcelona", VS)] == 1  # the research about Barcelona
    assert not any(count for (city, _theme), count in cells(result).items() if city == "rotterdam")
    assert result.theme_totals[CP] == 3  # the research about no city counts in its theme's total
    assert result.total == 5


@pytest.mark.parametrize("query", FILTERS)
def test_anonymous_counts_match_search_facets(content, query):
    result = gap_map(form_filters(query), AnonymousUser())
    assert_matches_search(result, AnonymousUser())


@pytest.mark.parametrize("query", FILTERS)
def test_member_page_matches_search_and_links(client, member, content, query):
    response = signed_in(client, member).get(f"{PAGE}?{query}")
    assert response.status_code == 200
    assert_matches_search(gap_map(response.context["matrix"].filters, member), member)
    assert_links_find_counts(client, response)


@pytest.mark.parametrize("query", FILTERS)
def test_group_member_page_matches_search_and_links(client, group_member, content, query):
    response = signed_in(client, group_member).get(f"{PAGE}?{query}")
    assert response.status_code == 200
    assert_matches_search(gap_map(response.context["matrix"].filters, group_member), group_member)
    assert_links_find_counts(client, response)


def test_each_reader_sees_their_own_counts(client, member, group_member, content):
    member_table = signed_in(client, member).get(PAGE).context["matrix"]
    group_table = signed_in(client, group_member).get(PAGE).context["matrix"]
    stockholm = {row.slug: row for row in member_table.rows}["stockholm"]
    group_stockholm = {row.slug: row for row in group_table.rows}["stockholm"]
    themes = [slug for slug, _name in member_table.themes]
    assert stockholm.cells[themes.index(CP)].count == 2  # the members-only practice counts
    assert stockholm.cells[themes.index(VS)].count == 2  # the taskforce's does not
    assert group_stockholm.cells[themes.index(VS)].count == 3
    assert (stockholm.total.count, group_stockholm.total.count) == (3, 4)
    assert (member_table.total.count, group_table.total.count) == (6, 7)


def test_filters_narrow_the_counts(client, member, content):
    table = signed_in(client, member).get(f"{PAGE}?phase=respond").context["matrix"]
    assert table.total.count == 1  # "Family liaison"; research has no phase
    table = signed_in(client, member).get(f"{PAGE}?type=event").context["matrix"]
    assert {row.slug: row.total.count for row in table.rows} == {"barcelona": 1, "rotterdam": 0, "stockholm": 0}
    table = signed_in(client, member).get(f"{PAGE}?year_from=2018&year_to=2018").context["matrix"]
    assert table.total.count == 1  # the research of 2018


def test_a_period_open_at_one_end(client, member, content):
    this_year = timezone.localdate().year
    table = signed_in(client, member).get(f"{PAGE}?year_from=2021").context["matrix"]
    assert sorted(table.filters.years) == list(range(2021, this_year + 1))
    assert table.total.count == 3  # Family liaison, Arena perimeter, Crowds in general
    table = client.get(f"{PAGE}?year_to=2019").context["matrix"]
    assert sorted(table.filters.years) == list(range(2000, 2020))  # the 20 years a cell's link can carry
    assert table.total.count == 2  # Victim support desks, Victims after Barcelona


# Who may open it.


@pytest.mark.parametrize("path", [PAGE, CSV, SVG])
def test_anonymous_visitors_are_sent_to_sign_in_without_counts(client, content, path):
    response = client.get(f"{path}?phase=prevent")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert b"Stockholm" not in response.content


@pytest.mark.parametrize("path", [PAGE, CSV, SVG])
def test_signed_in_people_outside_the_network_are_refused(client, outsider, content, path):
    response = signed_in(client, outsider).get(path)
    assert response.status_code == 403
    assert b"Stockholm" not in response.content


@pytest.mark.parametrize("role", ["member", "expert", "stockholm_editor", "barcelona_editor", "secretariat"])
@pytest.mark.parametrize("path", [PAGE, CSV, SVG])
def test_network_people_get_private_answers(request, client, content, role, path):
    response = signed_in(client, request.getfixturevalue(role)).get(path)
    assert response.status_code == 200
    assert "Stockholm" in response.content.decode("utf-8-sig")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "X-Page-Cache" not in response


def test_editors_of_two_cities_see_the_same_network_wide_map(client, stockholm_editor, barcelona_editor, content):
    stockholm_view = signed_in(client, stockholm_editor).get(CSV).content
    barcelona_view = signed_in(client, barcelona_editor).get(CSV).content
    assert stockholm_view == barcelona_view


def test_navigation_shows_the_gap_map_to_members_only(client, member, content):
    assert PAGE not in links(client.get("/practices/"))
    assert PAGE in links(signed_in(client, member).get("/practices/"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get_is_answered(client, member, content, method):
    assert getattr(signed_in(client, member), method)(PAGE).status_code == 405


# What the page shows.


def test_empty_and_thin_cells_are_marked_in_words_not_colour_alone(client, member, content):
    body = signed_in(client, member).get(PAGE).content.decode()
    rotterdam = re.search(r"<th scope=\"row\">Rotterdam</th>(.*?)</tr>", body, re.S)[1]
    assert rotterdam.count('class="gap-cell gap-cell--empty"') == Theme.objects.count()
    assert rotterdam.count("(gap)") == Theme.objects.count()
    stockholm = re.search(r"<th scope=\"row\">Stockholm</th>(.*?)</tr>", body, re.S)[1]
    assert "gap-cell--thin" in stockholm and "(thin)" in stockholm
    assert "No items: a gap" in body and "1 to 2 items: thin" in body  # the key


def test_page_summarises_gaps(client, member, content):
    body = signed_in(client, member).get(PAGE).content.decode()
    themes = Theme.objects.count()
    filled = 4  # Stockholm: two themes, Barcelona: two themes
    assert f"{themes * 3 - filled} of {themes * 3} city and theme pairs have nothing yet" in body


def test_downloads_carry_the_filters(client, member, content):
    response = signed_in(client, member).get(f"{PAGE}?phase=prevent&year_from=2019&year_to=2020")
    expected = "type=practice&type=research&phase=prevent&year_from=2019&year_to=2020"
    assert f"{CSV}?{expected}" in links(response)
    assert f"{SVG}?{expected}" in links(response)


def test_shading_levels():
    counts = (0, 1, 2, 3, 5, 6, 8, 9, 12)
    expected = ["empty", "thin", "thin", "level-1", "level-1", "level-2", "level-2", "level-3", "level-3"]
    assert [level(count, 12) for count in counts] == expected
    assert level(3, 3) == "level-3"  # the fullest cell is always the darkest


def test_the_key_names_the_range_of_shades():
    assert [label for _levels, label in legend_entries(12, 2)] == [
        "No items: a gap",
        "1 to 2 items: thin",
        "3 to 12 items, darker for more",
    ]
    assert legend_entries(3, 2)[-1] == (("level-3",), "3 items")  # one shade only: no range of one
    assert len(legend_entries(2, 2)) == 2  # nothing above thin: no shade to explain


# CSV and SVG.


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_holds_the_same_matrix(client, member, content):
    response = signed_in(client, member).get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="gap-map-{today}.csv"'
    rows = read_csv(response)
    themes = list(Theme.objects.order_by("name").values_list("name", flat=True))
    assert rows[0] == ["City", *themes, "All themes"]
    assert [row[0] for row in rows[1:]] == ["Barcelona", "Rotterdam", "Stockholm", "All cities"]
    stockholm = dict(zip(rows[0], rows[3], strict=True))
    assert (stockholm["Victim support"], stockholm["All themes"]) == ("2", "3")
    assert rows[-1][-1] == "6"


def test_csv_and_svg_names_cannot_run_as_formulas_or_markup(client, member, content, site_tree):
    make_city(site_tree["cities"], '=HYPERLINK("http://evil.example")', "formula-city")
    Theme.objects.create(name="<script>alert(1)</script>", slug="script-theme")
    Theme.objects.create(name="@SUM(A1)", slug="at-theme")
    rows = read_csv(signed_in(client, member).get(CSV))
    assert '\'=HYPERLINK("http://evil.example")' in [row[0] for row in rows]
    assert "'@SUM(A1)" in rows[0]
    svg = client.get(SVG).content.decode()
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    ElementTree.fromstring(svg)  # noqa: S314 - still well-formed XML (the portal's own answer)


def test_svg_is_a_labelled_chart_for_a4(client, member, content):
    response = signed_in(client, member).get(f"{SVG}?phase=prevent")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('inline; filename="gap-map-')
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the portal's own answer
    width, height = (float(root.get(side).removesuffix("mm")) for side in ("width", "height"))
    assert width <= 190 and height <= 277 and max(width / 190, height / 277) > 0.99
    words = " ".join(root.itertext())
    assert "Knowledge-gap map" in words and "Phase: Prevent" in words
    assert "Stockholm" in words and "Rotterdam" in words and "Victim support" in words
    assert "○" in words and "▪" in words  # empty and thin cells carry their symbol


# Hostile query strings: a form error or ignored, never a 500.

HOSTILE = [
    ("phase=nonsense", "phase"),
    ("evidence=" + "x" * 20_000, "evidence"),
    ("type=city&type=../../etc", "type"),
    ("phase=" + "&phase=".join(f"p{n}" for n in range(5000)), "phase"),
    ("year_from=abc", "year_from"),
    ("year_from=-5", "year_from"),
    ("year_from=" + "9" * 31, "year_from"),
    ("year_to=" + "9" * 5000, "year_to"),
    ("year_from=2.5", "year_from"),
    ("year_from=2030&year_to=2000", "__all__"),
    ("year_from=1990&year_to=2100", "__all__"),
    ("year_from=%00&phase=%00&evidence=%ED%A0%80", None),
]


@pytest.mark.parametrize(("query", "field"), HOSTILE)
def test_hostile_filters_are_reported_and_ignored(client, member, content, query, field):
    signed_in(client, member)
    plain = client.get(PAGE).context["matrix"]
    response = client.get(f"{PAGE}?{query}")
    assert response.status_code == 200
    form = response.context["form"]
    if field:
        assert field in form.errors
        assert 'role="alert"' in response.content.decode()
    assert response.context["matrix"].total.count == plain.total.count
    assert len(response.content) < 200_000  # no value is echoed back at length
    for path in (CSV, SVG):
        assert client.get(f"{path}?{query}").status_code == 200


def test_a_value_repeated_500_times_counts_once(client, member, content):
    response = signed_in(client, member).get(f"{PAGE}?" + "&".join(["type=practice"] * 500))
    assert response.context["matrix"].filters.types == ("practice",)
    assert response.context["matrix"].total.count == 4  # the members' four practices
    assert len(re.findall(r'<input [^>]*name="type"[^>]*checked', response.content.decode())) == 1


def test_a_valid_filter_still_applies_beside_a_bad_one(client, member, content):
    response = signed_in(client, member).get(f"{PAGE}?phase=respond&phase=nonsense&year_from=abc")
    assert response.context["matrix"].filters.phases == ("respond",)
    assert response.context["matrix"].total.count == 1
    assert re.search(r'<input [^>]*value="respond"[^>]*checked', response.content.decode())
