"""Compare practices (/practices/compare/): a theme, two to four practices on it, side by side.

Asked from outside, as each kind of reader: only practices the reader may read are offered
or compared, a practice they may not read is refused exactly like one that does not exist,
and no input ends in a 500.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from resources.compare import MAX_PRACTICES
from resources.models import CityPage, PracticeAttachment, Theme
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory, make_document, members_only_collection

URL = "/practices/compare/"
NOT_FOUND = "At least one of the chosen practices could not be found, or you may not read it."
PUBLIC_TITLES = {"Family liaison officers", "Victim helpline"}
MEMBERS_TITLE = "Debrief protocol"
GROUP_TITLE = "Reunification centre"


def compare_url(theme, *ids) -> str:
    slug = theme.slug if isinstance(theme, Theme) else theme
    return URL + f"?theme={slug}" + "".join(f"&practice={pk}" for pk in ids)


def practice_on(city, title, theme, **fields):
    practice = make_practice(city, title, re.sub(r"\W+", "-", title.lower()), **fields)
    practice.themes.set([theme])
    practice.save()
    return practice


def restrict_to_group(page, group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)


@pytest.fixture
def other_theme(db):
    return Theme.objects.get(slug="protection-of-crowded-places")


@pytest.fixture
def catalogue(site_tree, stockholm, barcelona, theme, other_theme):
    """Practices on ``theme`` for every audience, and a few pages that must never be compared."""
    stockholm = CityPage.objects.get(pk=stockholm.pk)  # with the groups its creation made
    pages = {
        "sto": practice_on(
            stockholm,
            "Family liaison officers",
            theme,
            phase="recover",
            status="completed",
            target_audiences="Bereaved families",
            partners="Police\nSocial services",
            objectives="<p>One contact person for every family.</p>",
            method="<p>Officers trained in trauma-aware contact.</p>",
            outcomes="<p>Families reported feeling informed.</p>",
            evaluation="external",
            lessons_learned="<p>Start the training before it is needed.</p>",
            transferability="<p>Needs an agreement with the police.</p>",
            last_verified=datetime.date(2024, 5, 2),
        ),
        "bcn": practice_on(
            barcelona,
            "Victim helpline",
            theme,
            phase="respond",
            partners="Red Cross",
            outcomes="<p>4,000 calls in the first week.</p>",
            language="es",
        ),
        "members": practice_on(barcelona, MEMBERS_TITLE, theme, partners="Emergency services"),
        "group": practice_on(stockholm, GROUP_TITLE, theme, partners="Stockholm schools"),
        "off_theme": practice_on(stockholm, "Bollards on the bridge", other_theme),
        "draft": make_practice(barcelona, "Draft plan", "draft-plan", live=False),
        "event": EventPageFactory(parent=site_tree["events"], title="Victim support day"),
    }
    pages["draft"].themes.set([theme])
    pages["draft"].save()
    restrict_to_members(pages["members"])
    restrict_to_group(pages["group"], stockholm.members_group)
    pages["city"] = stockholm
    return pages


def html_of(response) -> str:
    return response.content.decode()


def offered(response) -> set[str]:
    """The titles the picker offers to tick."""
    return set(re.findall(r'class="compare-form__title"[^>]*>([^<]+)<', html_of(response)))


def compared(response) -> list[str]:
    """The column headings of the comparison table, in order."""
    return re.findall(
        r'<th scope="col" class="compare__practice">\s*<a href="[^"]+"[^>]*>([^<]+)</a>', html_of(response)
    )


# Who sees what


READERS = {
    "anonymous": PUBLIC_TITLES,
    "outsider": PUBLIC_TITLES,
    "member": PUBLIC_TITLES | {MEMBERS_TITLE},
    "expert": PUBLIC_TITLES | {MEMBERS_TITLE},
    "stockholm_editor": PUBLIC_TITLES | {MEMBERS_TITLE, GROUP_TITLE},
    "barcelona_editor": PUBLIC_TITLES | {MEMBERS_TITLE},
    "secretariat": PUBLIC_TITLES | {MEMBERS_TITLE, GROUP_TITLE},
}


@pytest.fixture
def reader(request, client):
    """A client signed in as the reader named by the test's parameter."""
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    return client


@pytest.mark.parametrize("reader", READERS, indirect=True)
class TestEachReader:
    def test_the_picker_offers_exactly_the_practices_the_reader_may_read(self, reader, request, catalogue, theme):
        response = reader.get(compare_url(theme))
        assert response.status_code == 200
        assert offered(response) == READERS[request.node.callspec.params["reader"]]
        assert "Draft plan" not in html_of(response)
        assert "Bollards on the bridge" not in html_of(response)

    def test_the_theme_list_counts_what_the_reader_may_read(self, reader, request, catalogue, theme):
        response = reader.get(URL)
        count = len(READERS[request.node.callspec.params["reader"]])
        assert response.status_code == 200
        assert re.search(rf">{theme.name}</a>\s*<span[^>]*>{count} practices<", html_of(response))

    def test_every_readable_practice_can_be_compared_and_no_other(self, reader, request, catalogue, theme):
        readable = READERS[request.node.callspec.params["reader"]]
        ids = {page.title: page.pk for page in catalogue.values()}
        response = reader.get(compare_url(theme, *(ids[title] for title in sorted(readable))))
        assert response.status_code == 200
        assert set(compared(response)) == readable
        for hidden in ({MEMBERS_TITLE, GROUP_TITLE} - readable) or {"Draft plan"}:
            refused = reader.get(compare_url(theme, catalogue["sto"].pk, ids[hidden]))
            assert refused.status_code == 400
            assert NOT_FOUND in html_of(refused)
            assert hidden not in html_of(refused)


# The comparison


class TestComparison:
    def test_two_practices_side_by_side(self, client, catalogue, theme):
        response = client.get(compare_url(theme, catalogue["sto"].pk, catalogue["bcn"].pk))
        assert response.status_code == 200
        html = html_of(response)
        assert compared(response) == ["Family liaison officers", "Victim helpline"]
        for shown in (
            "Stockholm",
            "Barcelona",
            "Recover",
            "Completed",
            "Bereaved families",
            "<li>Police</li>",
            "<li>Social services</li>",
            "<li>Red Cross</li>",
            "One contact person for every family.",
            "Officers trained in trauma-aware contact.",
            "External evaluation",
            "Not evaluated",
            "Families reported feeling informed.",
            "4,000 calls in the first week.",
            "Start the training before it is needed.",
            "Needs an agreement with the police.",
            "2 May 2024",
            "Not yet verified",
        ):
            assert shown in html, shown
        assert f'href="{catalogue["sto"].url}"' in html
        assert '<td lang="es">' in html  # the Spanish report's text is marked as Spanish

    def test_a_row_empty_for_every_practice_is_left_out(self, client, catalogue, theme):
        html = html_of(client.get(compare_url(theme, catalogue["sto"].pk, catalogue["bcn"].pk)))
        assert "Resources and budget" not in html
        assert "Attachments" not in html
        assert ">Transferability<" in html  # empty for one practice only: kept, and says so
        assert "Not given" in html

    def test_practices_are_shown_in_the_order_asked_and_once(self, client, catalogue, theme):
        ids = (catalogue["bcn"].pk, catalogue["sto"].pk, catalogue["bcn"].pk)
        response = client.get(compare_url(theme, *ids))
        assert response.status_code == 200
        assert compared(response) == ["Victim helpline", "Family liaison officers"]

    def test_the_secretariat_compares_four(self, client, secretariat, catalogue, theme):
        client.force_login(secretariat)
        ids = [catalogue[key].pk for key in ("sto", "bcn", "members", "group")]
        response = client.get(compare_url(theme, *ids))
        assert response.status_code == 200
        assert len(compared(response)) == MAX_PRACTICES
        assert html_of(response).count("badge--members") >= 2  # restricted practices are marked in the table

    def test_attachments_are_listed_only_for_readers_who_may_open_them(self, client, member, catalogue, theme):
        public = make_document("Liaison checklist", "checklist.txt", b"public")
        private = make_document("Family call list", "calls.txt", b"secret", members_only_collection())
        PracticeAttachment.objects.create(page=catalogue["sto"], document=public, sort_order=0)
        PracticeAttachment.objects.create(page=catalogue["sto"], document=private, sort_order=1)
        url = compare_url(theme, catalogue["sto"].pk, catalogue["bcn"].pk)

        anonymous = html_of(client.get(url))
        assert "Liaison checklist" in anonymous
        assert "Family call list" not in anonymous
        client.force_login(member)
        assert "Family call list" in html_of(client.get(url))

    def test_the_table_is_not_indexed_and_carries_its_stylesheet(self, client, catalogue, theme):
        html = html_of(client.get(compare_url(theme, catalogue["sto"].pk, catalogue["bcn"].pk)))
        assert '<meta name="robots" content="noindex">' in html
        assert "css/compare.css" in html
        assert 'class="compare-scroll" role="region"' in html  # scrolls sideways on a phone, by keyboard too


class TestPicking:
    def test_practices_are_grouped_by_city(self, member_client, catalogue, theme):
        html = html_of(member_client.get(compare_url(theme)))
        legends = re.findall(r"<legend>([^<]+)</legend>", html)
        assert legends == ["Barcelona", "Stockholm"]
        barcelona = html[html.index("<legend>Barcelona") : html.index("<legend>Stockholm")]
        assert "Victim helpline" in barcelona
        assert MEMBERS_TITLE in barcelona
        assert "Family liaison officers" not in barcelona

    def test_members_only_practices_carry_the_badge(self, member_client, catalogue, theme):
        html = html_of(member_client.get(compare_url(theme)))
        choice = html[html.index(MEMBERS_TITLE) :]
        assert choice.index("Members only") < choice.index("</li>")

    def test_one_practice_from_its_page_is_ticked_with_a_hint(self, client, catalogue, theme):
        response = client.get(compare_url(theme, catalogue["sto"].pk))
        assert response.status_code == 200
        html = html_of(response)
        assert re.search(rf'value="{catalogue["sto"].pk}" id="[^"]+" checked', html)
        assert not re.search(rf'value="{catalogue["bcn"].pk}" id="[^"]+" checked', html)
        assert "Tick at least one more to compare it with." in html

    def test_a_theme_with_one_practice_says_there_is_nothing_to_compare(self, client, catalogue, other_theme):
        response = client.get(compare_url(other_theme))
        assert response.status_code == 200
        assert "There is only one practice on this theme that you may read" in html_of(response)
        assert "compare-form__title" not in html_of(response)

    def test_the_theme_list_links_themes_with_two_practices_or_more(self, client, catalogue, theme, other_theme):
        html = html_of(client.get(URL))
        assert f'href="{URL}?theme={theme.slug}"' in html
        assert f'href="{URL}?theme={other_theme.slug}"' not in html
        assert f"<span>{other_theme.name}</span>" in html


class TestWayIn:
    def test_a_practice_page_links_to_the_comparison_on_each_of_its_themes(self, client, catalogue, theme):
        html = html_of(client.get(catalogue["sto"].url))
        href = f"{URL}?theme={theme.slug}&amp;practice={catalogue['sto'].pk}"
        assert f'href="{href}"' in html
        assert f"Compare with other practices on {theme.name}" in html

    def test_the_practice_list_filtered_by_theme_links_to_its_picker(self, client, catalogue, theme):
        html = html_of(client.get(f"/practices/?theme={theme.slug}"))
        assert f'href="{URL}?theme={theme.slug}"' in html
        assert f'href="{URL}"' in html_of(client.get("/practices/"))


# Refusals


def assert_refused(response, *absent, message=NOT_FOUND):
    assert response.status_code == 400
    html = html_of(response)
    assert message in html
    for text in absent:
        assert text not in html


class TestRefusals:
    def test_a_restricted_practice_reads_exactly_like_one_that_does_not_exist(self, client, catalogue, theme):
        sto = catalogue["sto"].pk
        answers = {}
        for name, pk in (("members", catalogue["members"].pk), ("group", catalogue["group"].pk), ("none", 987654)):
            response = client.get(compare_url(theme, sto, pk))
            assert_refused(response, MEMBERS_TITLE, GROUP_TITLE)
            answers[name] = html_of(response).replace(str(pk), "ID")
        assert answers["members"] == answers["none"] == answers["group"]

    @pytest.mark.parametrize("key", ["draft", "event", "city"], ids=["draft practice", "event page", "city page"])
    def test_pages_that_are_no_live_practice_are_refused(self, client, secretariat, catalogue, theme, key):
        client.force_login(secretariat)  # sees everything live, drafts still not
        response = client.get(compare_url(theme, catalogue["sto"].pk, catalogue[key].pk))
        assert_refused(response, "Draft plan", "Victim support day")

    def test_a_readable_practice_on_another_theme_is_named(self, client, catalogue, theme):
        response = client.get(compare_url(theme, catalogue["sto"].pk, catalogue["off_theme"].pk))
        assert_refused(response, message=f"“Bollards on the bridge” is not on the theme “{theme.name}”.")
        assert compared(response) == []

    @pytest.mark.parametrize(
        "value",
        [
            "abc",
            "-1",
            "0",
            "1.5",
            "1e3",
            "0x10",
            "٣",
            " ",
            "",
            "99999999999999999999",
            "2147483648",
            "9" * 5000,
            "1;DROP TABLE wagtailcore_page",
            "<script>x</script>",
        ],
    )
    def test_a_value_that_is_no_page_id_is_refused(self, client, catalogue, theme, value):
        response = client.get(URL, {"theme": theme.slug, "practice": [catalogue["sto"].pk, value]})
        assert_refused(response, "<script>x</script>")
        assert re.search(rf'value="{catalogue["sto"].pk}" id="[^"]+" checked', html_of(response))

    def test_more_than_four_is_refused_and_the_choice_kept(self, client, secretariat, catalogue, theme):
        client.force_login(secretariat)
        ids = [catalogue[key].pk for key in ("sto", "bcn", "members", "group", "off_theme")]
        response = client.get(compare_url(theme, *ids))
        assert_refused(response, message="You can compare at most 4 practices at a time.")
        assert compared(response) == []
        assert len(re.findall(r" checked>", html_of(response))) == 4

    def test_fifty_ids_are_refused_without_reading_them(self, client, catalogue, theme):
        ids = list(range(1, 51))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(compare_url(theme, *ids))
        assert_refused(response, message="You can compare at most 4 practices at a time.")
        assert not any("IN (1, 2, 3" in query["sql"] for query in queries)

    def test_repeated_ids_count_once(self, client, catalogue, theme):
        response = client.get(compare_url(theme, *[catalogue["sto"].pk] * 4))
        assert response.status_code == 200
        assert "Tick at least one more to compare it with." in html_of(response)

    @pytest.mark.parametrize(
        "slug, message",
        [
            ("no-such-theme", "There is no such theme."),
            ("x" * 10_000, "There is no such theme."),
            ("victim support", "There is no such theme."),
            ("<b>x</b>", "There is no such theme."),
            ("../../etc", "There is no such theme."),
            ("a\x00b", "Null characters are not allowed."),
        ],
    )
    def test_an_unknown_theme_is_refused_with_the_theme_list(self, client, catalogue, theme, slug, message):
        response = client.get(URL, {"theme": slug, "practice": [catalogue["sto"].pk, catalogue["bcn"].pk]})
        assert_refused(response, "<b>x</b>", "x" * 100, message=message)
        assert f'href="{URL}?theme={theme.slug}"' in html_of(response)
        assert compared(response) == []

    def test_practices_without_a_theme_are_refused(self, client, catalogue):
        response = client.get(URL, {"practice": [catalogue["sto"].pk, catalogue["bcn"].pk]})
        assert_refused(response, message="Choose a theme first")


# Caching and cost


class TestPageCache:
    def test_what_anonymous_visitors_are_served_from_the_cache_never_reaches_a_member_and_back(
        self, client, member, catalogue, theme
    ):
        url = compare_url(theme)
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
        client.force_login(member)
        signed_in = client.get(url)
        assert MEMBERS_TITLE in offered(signed_in)
        assert "private" in signed_in["Cache-Control"]
        client.logout()
        assert MEMBERS_TITLE not in offered(client.get(url))

    def test_restricting_a_practice_takes_it_out_of_the_cached_picker(self, client, catalogue, theme):
        url = compare_url(theme)
        assert "Victim helpline" in offered(client.get(url))
        restrict_to_members(catalogue["bcn"])
        assert "Victim helpline" not in offered(client.get(url))

    def test_a_refusal_is_not_cached(self, client, catalogue, theme):
        url = compare_url(theme, catalogue["sto"].pk, "abc")
        assert client.get(url).status_code == 400
        assert "X-Page-Cache" not in client.get(url)


def count_queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.usefixtures("uncached")
class TestQueryCount:
    def test_four_practices_cost_the_same_queries_as_two(self, client, member, catalogue, theme):
        """Each with attachments in collections of their own, and more on the theme than compared."""
        practices = [catalogue[key] for key in ("sto", "bcn", "members")]
        practices += [practice_on(catalogue["city"], f"More {n}", theme, partners="A\nB") for n in range(3)]
        for practice in practices:
            for number in range(3):
                collection = members_only_collection(f"Files {practice.pk}-{number}")
                document = make_document(f"File {number}", f"file-{number}.txt", b"x", collection)
                PracticeAttachment.objects.create(page=practice, document=document, sort_order=number)
        client.force_login(member)
        two = count_queries(client, compare_url(theme, *(p.pk for p in practices[:2])))
        assert count_queries(client, compare_url(theme, *(p.pk for p in practices[:4]))) == two

    def test_the_picker_costs_the_same_for_thirty_practices_as_for_four(self, client, member, catalogue, theme):
        client.force_login(member)
        few = count_queries(client, compare_url(theme))
        for number in range(26):
            practice = practice_on(catalogue["city"], f"Extra {number}", theme)
            if number % 3 == 0:
                restrict_to_members(practice)
        assert count_queries(client, compare_url(theme)) == few
