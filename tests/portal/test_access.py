"""portal.access: the one helper every surface asks "who may see this?"."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from portal.access import (
    ALL,
    AUTHENTICATED,
    MEMBERS,
    PUBLIC,
    audiences_for_pages,
    audiences_for_user,
    can_view,
    combine,
    is_members_only,
    page_audiences,
    user_can_view_page,
    visible_pages,
)
from resources.models import PracticePage
from tests.conftest import make_practice, restrict_to_members


def restrict_to_groups(page, *groups):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(*groups)
    return restriction


def restrict_to_login(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def wagtail_lets_through(page, user) -> bool:
    """What Wagtail's own privacy (the source of truth) says for ``user``."""
    request = RequestFactory().get(page.url or "/")
    request.user = user
    request.session = {}
    return all(r.accept_request(request) for r in page.get_view_restrictions())


def fresh(user):
    """Reload a user so that the per-object audience cache starts empty."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def experts_group(db):
    return Group.objects.create(name="Invited experts")


class TestCombine:
    def test_public_outside_keeps_the_inner_restriction(self):
        assert combine(frozenset({PUBLIC}), frozenset({MEMBERS})) == {MEMBERS}

    def test_login_inside_members_stays_members(self):
        assert combine(frozenset({MEMBERS}), frozenset({AUTHENTICATED})) == {MEMBERS}
        assert combine(frozenset({AUTHENTICATED}), frozenset({MEMBERS})) == {MEMBERS}

    def test_two_group_restrictions_narrow_to_what_they_share(self):
        outer = frozenset({MEMBERS, "group:7"})
        inner = frozenset({"group:7", "group:9"})
        assert combine(outer, inner) == {"group:7"}


class TestCanView:
    def test_public_is_open_to_everyone(self):
        assert can_view(frozenset({PUBLIC}), frozenset({PUBLIC}))

    def test_anonymous_cannot_read_members_only(self):
        assert not can_view(frozenset({PUBLIC}), frozenset({MEMBERS}))

    def test_member_reads_members_only(self):
        assert can_view(frozenset({PUBLIC, AUTHENTICATED, MEMBERS}), frozenset({MEMBERS}))

    def test_signed_in_non_member_reads_login_only_but_not_members_only(self):
        signed_in = frozenset({PUBLIC, AUTHENTICATED})
        assert can_view(signed_in, frozenset({AUTHENTICATED}))
        assert not can_view(signed_in, frozenset({MEMBERS}))

    def test_superuser_passes_any_group_restriction(self):
        assert can_view(frozenset({PUBLIC, AUTHENTICATED, ALL}), frozenset({"group:42"}))

    def test_nobody_passes_an_empty_audience(self):
        """A password restriction (switched off, but possible in data) lets nobody through."""
        assert not can_view(frozenset({PUBLIC, AUTHENTICATED, MEMBERS, ALL}), frozenset())


class TestAudiencesForUser:
    def test_anonymous_is_public_only(self):
        assert audiences_for_user(AnonymousUser()) == {PUBLIC}

    def test_member(self, member):
        assert audiences_for_user(fresh(member)) == {PUBLIC, AUTHENTICATED, MEMBERS}

    def test_outsider_is_signed_in_but_not_a_member(self, outsider):
        assert audiences_for_user(fresh(outsider)) == {PUBLIC, AUTHENTICATED}

    def test_named_group_membership(self, outsider, experts_group):
        outsider.groups.add(experts_group)
        assert f"group:{experts_group.pk}" in audiences_for_user(fresh(outsider))

    def test_superuser_gets_all(self, secretariat):
        assert ALL in audiences_for_user(fresh(secretariat))

    def test_inactive_user_is_public_only(self, member):
        member.is_active = False
        member.save()
        assert audiences_for_user(fresh(member)) == {PUBLIC}


class TestPageAudiences:
    def test_unrestricted_page_is_public(self, stockholm):
        practice = make_practice(stockholm, "Open", "open")
        assert page_audiences(practice) == {PUBLIC}
        assert not is_members_only(practice)

    def test_restriction_on_an_ancestor_applies_to_the_child(self, stockholm):
        practice = make_practice(stockholm, "Inside", "inside")
        restrict_to_members(stockholm)
        assert page_audiences(practice) == {MEMBERS}
        assert is_members_only(practice)

    def test_login_restriction(self, stockholm):
        practice = make_practice(stockholm, "Login", "login")
        restrict_to_login(practice)
        assert page_audiences(practice) == {AUTHENTICATED}

    def test_named_group_restriction(self, stockholm, experts_group):
        practice = make_practice(stockholm, "Experts", "experts")
        restrict_to_groups(practice, experts_group)
        assert page_audiences(practice) == {f"group:{experts_group.pk}"}

    def test_login_inside_members_only_is_members(self, stockholm):
        practice = make_practice(stockholm, "Nested", "nested")
        restrict_to_members(stockholm)
        restrict_to_login(practice)
        assert page_audiences(practice) == {MEMBERS}

    def test_many_pages_at_once_as_one_by_one(self, stockholm, barcelona, experts_group):
        pages = [
            make_practice(city, f"Practice {n}", f"practice-{n}") for n in range(3) for city in (stockholm, barcelona)
        ]
        restrict_to_members(stockholm)
        restrict_to_login(pages[1])
        restrict_to_groups(pages[3], experts_group)
        expected = {page.pk: page_audiences(page) for page in [*pages, stockholm, barcelona]}
        assert audiences_for_pages([*pages, stockholm, barcelona]) == expected
        assert set(expected.values()) == {
            frozenset({PUBLIC}),
            frozenset({MEMBERS}),
            frozenset({AUTHENTICATED}),
            frozenset({f"group:{experts_group.pk}"}),
        }


class TestUserCanViewPage:
    def test_named_group(self, stockholm, member, outsider, experts_group):
        practice = make_practice(stockholm, "Experts", "experts")
        restrict_to_groups(practice, experts_group)
        outsider.groups.add(experts_group)
        assert user_can_view_page(fresh(outsider), practice)
        assert not user_can_view_page(fresh(member), practice)
        assert not user_can_view_page(AnonymousUser(), practice)

    def test_login_restriction_lets_any_signed_in_user_through(self, stockholm, outsider):
        practice = make_practice(stockholm, "Login", "login")
        restrict_to_login(practice)
        assert user_can_view_page(fresh(outsider), practice)
        assert not user_can_view_page(AnonymousUser(), practice)

    def test_superuser_reads_a_named_group_page(self, stockholm, secretariat, experts_group):
        practice = make_practice(stockholm, "Experts", "experts")
        restrict_to_groups(practice, experts_group)
        assert user_can_view_page(fresh(secretariat), practice)

    def test_superuser_reads_a_group_page_inside_a_members_only_city(self, stockholm, secretariat, experts_group):
        """Wagtail lets superusers through every restriction; so must the helper."""
        practice = make_practice(stockholm, "Deep", "deep")
        restrict_to_members(stockholm)
        restrict_to_groups(practice, experts_group)
        assert wagtail_lets_through(practice, fresh(secretariat))
        assert user_can_view_page(fresh(secretariat), practice)

    def test_member_of_both_groups_reads_a_group_page_inside_a_members_only_city(
        self, stockholm, member, experts_group
    ):
        """Nested restrictions: holding both groups passes both, as in Wagtail."""
        practice = make_practice(stockholm, "Deep", "deep")
        restrict_to_members(stockholm)
        restrict_to_groups(practice, experts_group)
        member.groups.add(experts_group)
        assert wagtail_lets_through(practice, fresh(member))
        assert user_can_view_page(fresh(member), practice)


class TestVisiblePages:
    @pytest.fixture
    def practices(self, stockholm, barcelona, experts_group):
        open_practice = make_practice(stockholm, "Open", "open")
        members_practice = make_practice(stockholm, "Members", "members")
        restrict_to_members(members_practice)
        experts_practice = make_practice(barcelona, "Experts", "experts")
        restrict_to_groups(experts_practice, experts_group)
        login_practice = make_practice(barcelona, "Login", "login")
        restrict_to_login(login_practice)
        draft = make_practice(stockholm, "Draft", "draft", live=False)
        return {
            "open": open_practice,
            "members": members_practice,
            "experts": experts_practice,
            "login": login_practice,
            "draft": draft,
        }

    @staticmethod
    def titles(user):
        return set(visible_pages(PracticePage.objects.all(), user).values_list("title", flat=True))

    def test_anonymous_sees_only_public_live_pages(self, practices):
        assert self.titles(AnonymousUser()) == {"Open"}

    def test_outsider_sees_login_only_too(self, practices, outsider):
        assert self.titles(fresh(outsider)) == {"Open", "Login"}

    def test_member_sees_members_only(self, practices, member):
        assert self.titles(fresh(member)) == {"Open", "Members", "Login"}

    def test_named_group(self, practices, outsider, experts_group):
        outsider.groups.add(experts_group)
        assert self.titles(fresh(outsider)) == {"Open", "Experts", "Login"}

    def test_superuser_sees_every_live_page_but_no_draft(self, practices, secretariat):
        assert self.titles(fresh(secretariat)) == {"Open", "Members", "Experts", "Login"}

    def test_restriction_on_a_city_hides_its_practices(self, practices, stockholm):
        restrict_to_members(stockholm)
        assert self.titles(AnonymousUser()) == set()

    def test_listing_and_page_view_agree(self, practices, member, outsider, secretariat, experts_group):
        """What a listing shows, the page itself must open (and the reverse)."""
        outsider.groups.add(experts_group)
        for user in (AnonymousUser(), fresh(member), fresh(outsider), fresh(secretariat)):
            listed = set(visible_pages(Page.objects.type(PracticePage), user).values_list("pk", flat=True))
            for page in practices.values():
                if page.live:
                    assert (page.pk in listed) == user_can_view_page(user, page), (user, page.title)

    def test_listing_and_page_view_agree_for_nested_restrictions(self, stockholm, member, experts_group):
        """A member holding both groups must not be shown a link that then answers 403."""
        practice = make_practice(stockholm, "Deep", "deep")
        restrict_to_members(stockholm)
        restrict_to_groups(practice, experts_group)
        member.groups.add(experts_group)
        user = fresh(member)
        listed = practice.pk in visible_pages(PracticePage.objects.all(), user).values_list("pk", flat=True)
        assert listed == user_can_view_page(user, practice)
