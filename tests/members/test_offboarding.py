"""Offboarding from the outside: a person signed in with a real session loses access to
members-only pages on their very next request once their account is switched off,
their role is revoked, or their city leaves the network, and each is audited."""

import datetime

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.utils import timezone

from members.choices import AuditAction, Role
from members.models import AuditEvent
from members.roles import grant_role, revoke_role, roles_of
from resources.models import CityPage
from tests.admin_forms import city_form, edit_url
from tests.conftest import PASSWORD, make_practice, restrict_to_members

LOGIN = "/accounts/login/"


@pytest.fixture
def practice(stockholm):
    page = make_practice(stockholm, "Members-only drill", "members-only-drill")
    restrict_to_members(page)
    return page


def person(django_user_model, email, role, city=None):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    grant_role(user, role, city)
    return user


@pytest.fixture
def stockholm_member(django_user_model, stockholm):
    return person(django_user_model, "staff@stockholm.example.org", Role.NETWORK_MEMBER, stockholm)


@pytest.fixture
def barcelona_member(django_user_model, barcelona):
    return person(django_user_model, "staff@barcelona.example.org", Role.NETWORK_MEMBER, barcelona)


def signed_in(user) -> Client:
    """A browser that signed in with the password, as a person does."""
    browser = Client()
    response = browser.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    assert UserSession.objects.filter(user=user).exists()
    return browser


def can_read(browser, page) -> bool:
    response = browser.get(page.url)
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN)
        return False
    assert response.status_code == 200
    return True


def audited(action, user) -> bool:
    return AuditEvent.objects.filter(action=action, subject_email=user.email).exists()


class TestDeactivation:
    def test_deactivated_member_is_refused_at_the_next_request(self, member, practice):
        browser = signed_in(member)
        assert can_read(browser, practice)
        member.is_active = False
        member.save()
        assert not can_read(browser, practice)
        assert not UserSession.objects.filter(user=member).exists()
        assert audited(AuditAction.USER_DEACTIVATED, member)

    def test_deactivated_in_the_admin_records_who_did_it(self, member, practice, secretariat):
        browser = signed_in(member)
        admin = Client()
        admin.force_login(secretariat)
        url = f"/admin/users/edit/{member.pk}/"
        form = admin.get(url).context["form"]
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data.pop("is_active")  # the "Active" box unticked
        data.update(first_name="Departing", last_name="Member")  # Wagtail's form asks for a name
        assert admin.post(url, data).status_code == 302
        member.refresh_from_db()
        assert not member.is_active
        assert not can_read(browser, practice)
        event = AuditEvent.objects.get(action=AuditAction.USER_DEACTIVATED, subject_email=member.email)
        assert event.actor == secretariat

    def test_other_saves_record_nothing(self, member, practice):
        browser = signed_in(member)  # login updates last_login
        member.first_name = "Renamed"
        member.save()
        member.is_active = False
        member.save()
        member.save()  # already inactive
        assert AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATED).count() == 1
        assert not can_read(browser, practice)


class TestRoleRevoked:
    def test_member_whose_role_is_revoked_is_signed_out(self, member, practice, secretariat):
        browser = signed_in(member)
        assert can_read(browser, practice)
        revoke_role(member, Role.NETWORK_MEMBER, actor=secretariat)
        assert not can_read(browser, practice)
        event = AuditEvent.objects.get(action=AuditAction.ROLE_REVOKED, subject_email=member.email)
        assert event.actor == secretariat

    def test_signing_in_again_shows_nothing_members_only(self, member, practice):
        revoke_role(member, Role.NETWORK_MEMBER)
        browser = signed_in(member)
        assert browser.get(practice.url).status_code == 403


class TestCityLeaves:
    def test_city_left_today_in_the_admin_ends_its_peoples_access(
        self, stockholm, stockholm_member, barcelona_member, practice, secretariat
    ):
        stockholm_browser, barcelona_browser = signed_in(stockholm_member), signed_in(barcelona_member)
        assert can_read(stockholm_browser, practice)
        admin = Client()
        admin.force_login(secretariat)
        today = timezone.localdate().isoformat()
        data = city_form(title="Stockholm", slug="stockholm", country="SE", left=today)
        assert admin.post(edit_url(stockholm), data).status_code == 302
        assert CityPage.objects.get(pk=stockholm.pk).left.isoformat() == today
        assert not can_read(stockholm_browser, practice)
        assert roles_of(stockholm_member) == []
        assert audited(AuditAction.CITY_LEFT, stockholm_member)
        assert can_read(barcelona_browser, practice), "another city's people keep their access"

    def test_left_date_saved_in_code_works_the_same(self, stockholm, stockholm_member, practice):
        browser = signed_in(stockholm_member)
        stockholm.left = timezone.localdate()
        stockholm.save_revision().publish()
        assert not can_read(browser, practice)
        assert roles_of(stockholm_member) == []

    def test_a_draft_with_a_left_date_changes_nothing_until_published(self, stockholm, stockholm_member, practice):
        browser = signed_in(stockholm_member)
        stockholm.left = timezone.localdate()
        stockholm.save_revision()
        assert can_read(browser, practice)
        assert roles_of(stockholm_member) != []

    def test_future_left_date_takes_effect_when_the_day_comes(self, stockholm, stockholm_member, practice):
        browser = signed_in(stockholm_member)
        stockholm.left = timezone.localdate() + datetime.timedelta(days=30)
        stockholm.save_revision().publish()
        assert can_read(browser, practice)
        assert roles_of(stockholm_member) != []
        # The day arrives: nothing saves the city, the first request notices.
        CityPage.objects.filter(pk=stockholm.pk).update(left=timezone.localdate())
        assert not can_read(browser, practice)
        assert roles_of(stockholm_member) == []
        assert audited(AuditAction.CITY_LEFT, stockholm_member)

    def test_editor_of_a_departed_city_is_refused_in_the_admin(self, client, stockholm, stockholm_editor, practice):
        client.force_login(stockholm_editor)
        assert client.get(edit_url(practice)).status_code == 200
        CityPage.objects.filter(pk=stockholm.pk).update(left=timezone.localdate())
        response = client.get(edit_url(practice))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
