"""Expert profiles: experts edit their own, members browse the directory, readers see what they may."""

import pytest
from django.contrib.auth.models import Group

from members.choices import ProfileVisibility, Role
from members.models import ExpertProfile
from members.roles import grant_role, revoke_role
from resources.models import ResearchAuthor, Theme
from tests.conftest import _user, restrict_to_members
from tests.factories import ResearchPageFactory

PROFILE = "/accounts/profile/"
DIRECTORY = "/experts/"
ORCID = "0000-0002-1825-0097"


def profile_data(**overrides):
    data = {
        "account-first_name": "Eva",
        "account-last_name": "Expert",
        "profile-display_name": "Dr Eva Expert",
        "profile-affiliation": "University of Example",
        "profile-bio": "Studies crowded places.",
        "profile-orcid": ORCID,
        "profile-visibility": ProfileVisibility.MEMBERS,
    }
    data.update(overrides)
    return data


def make_expert(django_user_model, email, display_name, *, visibility=ProfileVisibility.MEMBERS, themes=()):
    user = _user(django_user_model, email)
    grant_role(user, Role.INVITED_EXPERT)
    profile = user.expert_profile
    profile.display_name = display_name
    profile.visibility = visibility
    profile.save()
    profile.themes.set(themes)
    return profile


def research_by(parent, profile, title, author_name="Eva Expert"):
    page = ResearchPageFactory(parent=parent, title=title, author_names=())
    ResearchAuthor.objects.create(page=page, name=author_name, expert=profile, sort_order=0)
    return page


@pytest.fixture
def expert_client(client, expert):
    client.force_login(expert)
    return client


class TestEditingOwnProfile:
    def test_expert_edits_their_profile(self, expert_client, expert, theme):
        data = profile_data(**{"profile-themes": [theme.pk], "profile-visibility": ProfileVisibility.PUBLIC})
        response = expert_client.post(PROFILE, data)
        assert response.status_code == 302
        profile = ExpertProfile.objects.get(user=expert)
        assert profile.display_name == "Dr Eva Expert"
        assert profile.orcid == ORCID
        assert profile.is_public
        assert list(profile.themes.all()) == [theme]
        expert.refresh_from_db()
        assert expert.get_full_name() == "Eva Expert"
        assert "Your profile has been saved." in expert_client.get(PROFILE).content.decode()

    def test_a_pasted_orcid_address_keeps_just_the_id(self, expert_client, expert):
        expert_client.post(PROFILE, profile_data(**{"profile-orcid": f"https://orcid.org/{ORCID.lower()}"}))
        assert ExpertProfile.objects.get(user=expert).orcid == ORCID

    def test_profile_page_only_ever_edits_the_signed_in_experts_profile(self, expert_client, expert, django_user_model):
        other = make_expert(django_user_model, "other@example.org", "Other Expert")
        # Smuggled ids are not fields of the form: they change nothing.
        data = profile_data(**{"profile-id": other.pk, "profile-user": other.user_id, "id": other.pk})
        expert_client.post(PROFILE, data)
        other.refresh_from_db()
        assert other.display_name == "Other Expert"
        assert ExpertProfile.objects.get(user=expert).display_name == "Dr Eva Expert"

    def test_there_is_no_address_to_edit_a_profile_by_id(self, expert_client, django_user_model):
        other = make_expert(django_user_model, "other@example.org", "Other Expert")
        for url in (f"/accounts/profile/{other.pk}/", f"/experts/{other.pk}/edit/"):
            assert expert_client.post(url, profile_data()).status_code == 404
        other.refresh_from_db()
        assert other.display_name == "Other Expert"

    def test_a_member_without_the_expert_role_edits_only_their_name(self, member_client, member):
        page = member_client.get(PROFILE).content.decode()
        assert 'name="account-first_name"' in page
        assert 'name="profile-display_name"' not in page
        response = member_client.post(PROFILE, profile_data())
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.get_full_name() == "Eva Expert"
        assert not ExpertProfile.objects.filter(user=member).exists()

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(PROFILE)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


class TestHostileProfileInput:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("profile-orcid", "0000-0002-1825-0098", "ORCID"),  # wrong check digit
            ("profile-orcid", "javascript:alert(1)", "ORCID"),
            ("profile-orcid", "x" * 500, "at most 64"),
            ("profile-bio", "b" * 1501, "at most 1500"),
            ("profile-display_name", "", "required"),
            ("profile-display_name", "n" * 151, "at most 150"),
            ("profile-visibility", "everyone", "valid choice"),
            ("profile-themes", ["999999"], "valid choice"),
            ("profile-themes", ["not-a-number"], "valid value"),
            ("profile-themes", ["99999999999999999999999"], "valid choice"),
            ("profile-bio", "null\x00byte", "Null characters"),
        ],
    )
    def test_invalid_input_is_refused_with_a_message(self, expert_client, expert, field, value, message):
        response = expert_client.post(PROFILE, profile_data(**{field: value}))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert ExpertProfile.objects.get(user=expert).display_name != "Dr Eva Expert"

    def test_markup_in_name_and_bio_comes_out_as_text(self, expert_client, expert, member, client):
        script = "<script>alert(1)</script>"
        data = profile_data(**{"profile-display_name": f"Eva {script}", "profile-bio": f"Hello {script}\nBye"})
        assert expert_client.post(PROFILE, data).status_code == 302
        profile = ExpertProfile.objects.get(user=expert)
        client.force_login(member)
        for url in (DIRECTORY, f"/experts/{profile.pk}/", PROFILE):
            html = client.get(url).content.decode()
            assert script not in html
        html = client.get(f"/experts/{profile.pk}/").content.decode()
        assert "Eva &lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "Hello &lt;script&gt;" in html


class TestDirectory:
    def test_members_see_listed_experts_with_both_visibilities(self, member_client, django_user_model):
        make_expert(django_user_model, "a@example.org", "Alma Public", visibility=ProfileVisibility.PUBLIC)
        make_expert(django_user_model, "b@example.org", "Bo Members")
        html = member_client.get(DIRECTORY).content.decode()
        assert "Alma Public" in html
        assert "Bo Members" in html
        assert "2 experts" in html

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(DIRECTORY)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/experts/"

    def test_signed_in_outsiders_are_refused(self, client, outsider):
        client.force_login(outsider)
        response = client.get(DIRECTORY)
        assert response.status_code == 403
        assert "for network members" in response.content.decode()

    def test_deactivated_and_former_experts_are_not_listed(self, member_client, django_user_model):
        gone = make_expert(django_user_model, "gone@example.org", "Gone Expert")
        gone.user.is_active = False
        gone.user.save()
        former = make_expert(django_user_model, "former@example.org", "Former Expert")
        revoke_role(former.user, Role.INVITED_EXPERT)
        former.user.groups.add(Group.objects.get(name="Network members"))  # still a member, no longer an expert
        html = member_client.get(DIRECTORY).content.decode()
        assert "Gone Expert" not in html
        assert "Former Expert" not in html
        assert member_client.get(f"/experts/{gone.pk}/").status_code == 404

    def test_theme_filter_narrows_the_list(self, member_client, django_user_model):
        victims = Theme.objects.get(slug="victim-support")
        other_theme = Theme.objects.exclude(pk=victims.pk).first()
        make_expert(django_user_model, "a@example.org", "Alma Victims", themes=[victims])
        make_expert(django_user_model, "b@example.org", "Bo Other", themes=[other_theme])
        html = member_client.get(DIRECTORY, {"theme": "victim-support"}).content.decode()
        assert "Alma Victims" in html
        assert "Bo Other" not in html
        assert "1 expert on Victim support" in html

    @pytest.mark.parametrize(
        "query", ["no-such-theme", "<script>", "' OR 1=1 --", "x" * 5000, "%00", "1"], ids=lambda q: q[:12]
    )
    def test_junk_filters_are_reported_and_ignored(self, member_client, django_user_model, query):
        make_expert(django_user_model, "a@example.org", "Alma Expert")
        response = member_client.get(DIRECTORY, {"theme": query, "page": "junk"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "This filter was ignored." in html
        assert "Alma Expert" in html
        assert "<script>" not in html.split("</head>")[1]

    def test_directory_is_paginated(self, member_client, django_user_model, settings):
        settings.LISTING_PAGE_SIZE = 2
        for n in range(3):
            make_expert(django_user_model, f"e{n}@example.org", f"Expert {n}")
        first = member_client.get(DIRECTORY).content.decode()
        last = member_client.get(DIRECTORY, {"page": "99"}).content.decode()
        assert "Expert 0" in first and "Expert 2" not in first
        assert "Expert 2" in last and "Page 2 of 2" in last


class TestProfileVisibility:
    @pytest.fixture
    def profiles(self, django_user_model):
        public = make_expert(django_user_model, "pub@example.org", "Pia Public", visibility=ProfileVisibility.PUBLIC)
        private = make_expert(django_user_model, "priv@example.org", "Max Members")
        return public, private

    def test_public_profile_is_open_to_everyone(self, client, outsider, profiles):
        public, _ = profiles
        assert "Pia Public" in client.get(f"/experts/{public.pk}/").content.decode()
        client.force_login(outsider)
        assert "Pia Public" in client.get(f"/experts/{public.pk}/").content.decode()

    def test_members_only_profile_looks_missing_to_non_members(self, client, outsider, profiles):
        _, private = profiles
        missing = client.get("/experts/987654/")
        anonymous = client.get(f"/experts/{private.pk}/")
        client.force_login(outsider)
        signed_in = client.get(f"/experts/{private.pk}/")
        assert missing.status_code == anonymous.status_code == signed_in.status_code == 404
        assert "Max Members" not in anonymous.content.decode() + signed_in.content.decode()

    def test_members_read_members_only_profiles(self, member_client, profiles):
        _, private = profiles
        response = member_client.get(f"/experts/{private.pk}/")
        assert response.status_code == 200
        assert "Max Members" in response.content.decode()

    def test_huge_profile_id_is_a_plain_404(self, client, db):
        assert client.get("/experts/99999999999999999999999/").status_code == 404

    def test_profile_lists_only_research_the_reader_may_see(self, client, member, site_tree, profiles):
        public, _ = profiles
        research_by(site_tree["research"], public, "Open study")
        restrict_to_members(research_by(site_tree["research"], public, "Closed study"))
        draft = research_by(site_tree["research"], public, "Draft study")
        draft.unpublish()
        anonymous = client.get(f"/experts/{public.pk}/").content.decode()
        assert "Open study" in anonymous
        assert "Closed study" not in anonymous
        client.force_login(member)
        signed_in = client.get(f"/experts/{public.pk}/").content.decode()
        assert "Open study" in signed_in and "Closed study" in signed_in
        assert "Draft study" not in signed_in


class TestResearchAuthorLinks:
    def test_author_links_to_a_public_profile_for_everyone(self, client, site_tree, django_user_model):
        profile = make_expert(django_user_model, "pub@example.org", "Pia Public", visibility=ProfileVisibility.PUBLIC)
        page = research_by(site_tree["research"], profile, "Open study", author_name="Pia Public")
        html = client.get(page.url).content.decode()
        assert f'href="/experts/{profile.pk}/"' in html

    def test_members_only_profile_is_linked_for_members_only(self, client, member, site_tree, django_user_model):
        profile = make_expert(django_user_model, "priv@example.org", "Max Members")
        page = research_by(site_tree["research"], profile, "Open study", author_name="Max Members")
        anonymous = client.get(page.url).content.decode()
        assert "Max Members" in anonymous
        assert f"/experts/{profile.pk}/" not in anonymous
        client.force_login(member)
        assert f'href="/experts/{profile.pk}/"' in client.get(page.url).content.decode()

    def test_author_without_profile_is_plain_text(self, client, site_tree):
        page = ResearchPageFactory(parent=site_tree["research"], title="Study", author_names=(("Ana Author", ""),))
        html = client.get(page.url).content.decode()
        assert "Ana Author" in html
        assert "/experts/" not in html


def test_the_navigation_offers_the_directory_to_members_only(client, member, site_tree):
    assert 'href="/experts/"' not in client.get("/").content.decode()
    client.force_login(member)
    assert 'href="/experts/"' in client.get("/").content.decode()
