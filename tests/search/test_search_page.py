"""/search/: finds what a reader may see, and survives whatever is typed."""

import pytest
from wagtail.rich_text import RichText

from search.service import MAX_QUERY_LENGTH, clean_query
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory


@pytest.fixture
def indexed(site_tree, stockholm):
    make_practice(
        stockholm,
        "Venue staff training",
        "venue-staff",
        summary="Shopping centre guards learned to spot hostile reconnaissance.",
        body=[("paragraph", RichText("<p>The trainers used a marauding scenario at the harbour.</p>"))],
    )
    restrict_to_members(
        make_practice(
            stockholm,
            "Closed reconnaissance drill",
            "closed-drill",
            summary="An internal drill on hostile reconnaissance at the stadium.",
        )
    )
    ResearchPageFactory(
        parent=site_tree["research"],
        title="Hostile reconnaissance in crowded places",
        practitioner_summary="Guards notice reconnaissance when trained.",
    )
    EventPageFactory(
        parent=site_tree["events"], title="Reconnaissance workshop", summary="A workshop on reconnaissance."
    )


def result_titles(response):
    page = response.context["results"].page
    return sorted(item.title for item in page.object_list) if page else []


class TestFinding:
    def test_anonymous_finds_a_public_practice_by_a_word_in_its_summary(self, client, indexed):
        response = client.get("/search/", {"q": "guards"})
        assert response.status_code == 200
        assert "Venue staff training" in result_titles(response)
        assert "Venue staff training" in response.content.decode()

    def test_anonymous_finds_a_public_practice_by_a_word_in_its_body(self, client, indexed):
        response = client.get("/search/", {"q": "marauding"})
        assert result_titles(response) == ["Venue staff training"]

    def test_members_only_results_are_not_shown_or_counted_for_the_public(self, client, indexed):
        response = client.get("/search/", {"q": "reconnaissance"})
        html = response.content.decode()
        assert "Closed reconnaissance drill" not in html
        assert response.context["results"].total == 3
        assert result_titles(response) == [
            "Hostile reconnaissance in crowded places",
            "Reconnaissance workshop",
            "Venue staff training",
        ]

    def test_member_finds_members_only_results(self, member_client, indexed):
        response = member_client.get("/search/", {"q": "reconnaissance"})
        assert "Closed reconnaissance drill" in response.content.decode()
        assert response.context["results"].total == 4

    def test_signed_in_non_member_does_not(self, client, outsider, indexed):
        client.force_login(outsider)
        response = client.get("/search/", {"q": "reconnaissance"})
        assert "Closed reconnaissance drill" not in response.content.decode()

    def test_members_only_contact_details_are_not_searchable(self, client, member, stockholm, indexed):
        stockholm.contact_details = "<p>Ask for Ingrid Lindqvist on the duty line.</p>"
        stockholm.save_revision().publish()
        assert client.get("/search/", {"q": "Lindqvist"}).context["results"].total == 0
        client.force_login(member)
        assert client.get("/search/", {"q": "Stockholm"}).context["results"].total >= 1

    def test_type_narrows_the_results(self, client, indexed):
        response = client.get("/search/", {"q": "reconnaissance", "type": "research"})
        assert result_titles(response) == ["Hostile reconnaissance in crowded places"]

    def test_unknown_type_is_ignored(self, client, indexed):
        response = client.get("/search/", {"q": "reconnaissance", "type": "junk"})
        assert response.status_code == 200
        assert response.context["results"].result_type == ""
        assert response.context["results"].total == 3

    def test_drafts_are_not_found(self, client, stockholm, indexed):
        make_practice(stockholm, "Draft about reconnaissance", "draft", live=False)
        assert "Draft about reconnaissance" not in client.get("/search/", {"q": "reconnaissance"}).content.decode()

    def test_empty_query_shows_the_form_and_no_results(self, client, indexed):
        response = client.get("/search/", {"q": "   "})
        assert response.status_code == 200
        assert response.context["results"].page is None
        assert 'name="q"' in response.content.decode()


HOSTILE = [
    "x" * 5000,
    "reconnaissance\x00\x01\x1b[31m",
    '"reconnaissance',
    '"',
    "*",
    "reconn*",
    "AND OR",
    "reconnaissance AND OR NOT",
    "<script>alert(1)</script>",
    "'; DROP TABLE wagtailcore_page; --",
    "(((",
    "\\",
    "%",
    "ä ö å ß ç",
]


class TestHostileInput:
    def test_hostile_queries_answer_200_without_reflecting_markup(self, client, indexed, subtests):
        for query in HOSTILE:
            with subtests.test(query=query[:40]):
                response = client.get("/search/", {"q": query})
                assert response.status_code == 200
                assert b"<script>alert(1)</script>" not in response.content

    @pytest.mark.parametrize("query", ['"reconnaissance', "reconnaissance*", "(reconnaissance", "RECONNAISSANCE"])
    def test_search_syntax_is_read_as_plain_words(self, client, indexed, query):
        plain = client.get("/search/", {"q": "reconnaissance"}).context["results"].total
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert response.context["results"].total == plain > 0

    def test_query_of_symbols_only_finds_nothing_and_says_so(self, client, indexed):
        response = client.get("/search/", {"q": '*"()'})
        assert response.status_code == 200
        assert "No results" in response.content.decode()

    def test_nul_byte_in_the_raw_query_string(self, client, indexed):
        response = client.get("/search/?q=reconnaissance%00&type=%00&page=%00")
        assert response.status_code == 200
        assert response.context["results"].total == 3

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "1e9", "999999", "%00"])
    def test_junk_page_numbers(self, client, indexed, page):
        response = client.get(f"/search/?q=reconnaissance&page={page}")
        assert response.status_code == 200
        assert response.context["results"].page.number == 1

    def test_query_is_bounded_and_cleaned(self):
        assert len(clean_query("a" * 5000)) == MAX_QUERY_LENGTH
        assert clean_query("  crowded\x00\tplaces\n ") == "crowded places"


class TestPagination:
    def test_second_page_of_results(self, client, stockholm):
        for number in range(15):
            PracticePageFactory(parent=stockholm, title=f"Harbour drill {number:02d}", summary="A harbour drill.")
        first = client.get("/search/", {"q": "harbour"})
        second = client.get("/search/", {"q": "harbour", "page": "2"})
        assert first.context["results"].total == 15
        assert len(first.context["results"].page.object_list) == 12
        assert len(second.context["results"].page.object_list) == 3
        assert not set(result_titles(first)) & set(result_titles(second))
        assert "Page 2 of 2" in second.content.decode()


class TestQueryCount:
    """Result cards show themes and authors: that must not cost a query per result."""

    MAX_QUERIES = 24

    @pytest.mark.parametrize("size", [5, 30])
    def test_query_count_does_not_grow_with_results(
        self, client, member, site_tree, stockholm, theme, django_assert_max_num_queries, size
    ):
        for _ in range(size):
            PracticePageFactory(parent=stockholm, summary="A harbour drill.", themes=[theme])
            ResearchPageFactory(parent=site_tree["research"], practitioner_summary="Harbour study.", themes=[theme])
        client.force_login(member)
        client.get("/search/", {"q": "harbour"})
        with django_assert_max_num_queries(self.MAX_QUERIES):
            response = client.get("/search/", {"q": "harbour"})
        assert len(response.context["results"].page.object_list) == min(2 * size, 12)
