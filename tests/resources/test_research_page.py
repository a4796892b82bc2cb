"""ResearchIndexPage and ResearchPage: tree rules, the admin form, reading."""

import datetime

import pytest
from wagtail.models import Page

from resources.models import ResearchAuthor, ResearchIndexPage, ResearchPage
from tests.admin_forms import add_url, assert_permission_denied, index_form, research_form
from tests.conftest import restrict_to_members
from tests.factories import ResearchPageFactory


class TestWhereItLives:
    def test_research_lives_under_the_research_index_only(self, site_tree, stockholm):
        assert ResearchPage.can_create_at(site_tree["research"])
        for wrong in (site_tree["home"], site_tree["cities"], site_tree["events"], stockholm):
            assert not ResearchPage.can_create_at(wrong), wrong

    def test_one_research_index_under_home(self, site_tree):
        assert ResearchIndexPage.parent_page_types == ["home.HomePage"]
        assert not ResearchIndexPage.can_create_at(site_tree["home"]), "max_count is 1 and one exists"
        assert not ResearchIndexPage.can_exist_under(site_tree["cities"])
        site_tree["research"].delete()
        assert ResearchIndexPage.can_create_at(site_tree["home"])

    def test_secretariat_creates_the_research_index_when_missing(self, secretariat_client, site_tree):
        site_tree["research"].delete()
        response = secretariat_client.post(add_url(ResearchIndexPage, site_tree["home"]), index_form("Research", "r"))
        assert response.status_code == 302
        assert ResearchIndexPage.objects.child_of(site_tree["home"]).live().count() == 1

    def test_admin_refuses_a_second_research_index(self, secretariat_client, site_tree):
        url = add_url(ResearchIndexPage, site_tree["home"])
        assert_permission_denied(secretariat_client.post(url, index_form("Research 2", "research-2")))
        assert ResearchIndexPage.objects.count() == 1

    @pytest.mark.parametrize("wrong", ["cities", "events", "home"])
    def test_admin_refuses_research_under_a_wrong_parent(self, secretariat_client, site_tree, wrong):
        url = add_url(ResearchPage, site_tree[wrong])
        before = Page.objects.count()
        assert_permission_denied(secretariat_client.get(url))
        assert_permission_denied(secretariat_client.post(url, research_form()))
        assert Page.objects.count() == before


class TestAdminForm:
    def test_secretariat_creates_and_publishes_research(self, secretariat_client, site_tree):
        response = secretariat_client.post(add_url(ResearchPage, site_tree["research"]), research_form())
        assert response.status_code == 302
        research = ResearchPage.objects.get(slug="local-prevention-networks")
        assert research.live
        assert research.doi_url == "https://doi.org/10.1080/09546553.2020.1234567"
        author = research.authors.get()
        assert (author.name, author.orcid) == ("Ana Researcher", "0000-0002-1825-0097")

    @pytest.mark.parametrize(
        "doi", ["not-a-doi", "https://doi.org/10.1080/09546553.2020.1234567", "10.12/too-short-prefix"]
    )
    def test_bad_doi_is_refused_with_a_clear_error(self, secretariat_client, site_tree, doi):
        response = secretariat_client.post(add_url(ResearchPage, site_tree["research"]), research_form(doi=doi))
        assert response.status_code == 200
        assert "Enter a DOI such as 10.1080/09546553.2020.1234567" in response.content.decode()
        assert "doi" in response.context["form"].errors
        assert not ResearchPage.objects.exists()

    @pytest.mark.parametrize("orcid", ["0000-0002-1825-0098", "0000-0002-1825", "0000-0002-1825-009Y"])
    def test_invalid_orcid_is_refused_with_a_clear_error(self, secretariat_client, site_tree, orcid):
        authors = [{"name": "Ana Researcher", "affiliation": "Uppsala University", "orcid": orcid}]
        response = secretariat_client.post(add_url(ResearchPage, site_tree["research"]), research_form(authors=authors))
        assert response.status_code == 200
        assert "Enter an ORCID iD such as 0000-0002-1825-0097." in response.content.decode()
        assert not ResearchPage.objects.exists()
        assert not ResearchAuthor.objects.exists()

    def test_orcid_with_x_check_digit_is_accepted(self, secretariat_client, site_tree):
        authors = [{"name": "X Author", "affiliation": "", "orcid": "0000-0002-9079-593X"}]
        response = secretariat_client.post(add_url(ResearchPage, site_tree["research"]), research_form(authors=authors))
        assert response.status_code == 302
        assert ResearchAuthor.objects.get().orcid == "0000-0002-9079-593X"

    def test_research_needs_an_author(self, secretariat_client, site_tree):
        response = secretariat_client.post(add_url(ResearchPage, site_tree["research"]), research_form(authors=[]))
        assert response.status_code == 200
        assert not ResearchPage.objects.exists()


class TestReading:
    def test_research_page_shows_its_key_fields(self, client, site_tree, theme):
        research = ResearchPageFactory(
            parent=site_tree["research"],
            title="Local prevention networks",
            abstract="A comparative study of six cities.",
            practitioner_summary="Someone must own the referral pathway.",
            venue="Terrorism and Political Violence",
            doi="10.1080/09546553.2020.1234567",
            publication_date=datetime.date(2022, 5, 1),
            author_names=[("Ana Researcher", "Uppsala University")],
            themes=[theme],
        )
        response = client.get(research.url)
        assert response.status_code == 200
        html = response.content.decode()
        for text in (
            "Local prevention networks",
            "A comparative study of six cities.",
            "Someone must own the referral pathway.",
            "Terrorism and Political Violence",
            "Ana Researcher",
            "Uppsala University",
            'href="https://doi.org/10.1080/09546553.2020.1234567"',
            "2022",
            theme.name,
        ):
            assert text in html, text

    def test_research_index_lists_public_research(self, client, site_tree):
        ResearchPageFactory(parent=site_tree["research"], title="Open study")
        hidden = ResearchPageFactory(parent=site_tree["research"], title="Closed study")
        restrict_to_members(hidden)
        response = client.get(site_tree["research"].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Research" in html
        assert "Open study" in html
        assert "Closed study" not in html

    def test_members_only_research_redirects_anonymous_to_login(self, client, site_tree):
        research = ResearchPageFactory(parent=site_tree["research"], title="Closed study")
        restrict_to_members(research)
        response = client.get(research.url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={research.url}"
