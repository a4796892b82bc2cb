"""Admin > People: who holds which role, and offboarding by the secretariat and City coordinators."""

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from members.choices import AuditAction, Role
from members.models import AuditEvent
from members.roles import Grant, grant_role, roles_of
from tests.admin_forms import assert_permission_denied
from tests.conftest import PASSWORD, make_practice, restrict_to_members, totp_code
from tests.members.signin import post_code, post_password, signed_in_id
from tests.members.test_invitation_admin import (  # noqa: F401 (someone is a fixture)
    assert_refused,
    listing_rows,
    messages_of,
    row_for,
    someone,
    text,
)

PEOPLE = "/admin/people/"


def revoke_url(user, role, city=None) -> str:
    if city is None:
        return reverse("people:revoke", args=[user.pk, role])
    return reverse("people:revoke_city", args=[user.pk, role, city.pk])


def deactivate_url(user) -> str:
    return reverse("people:deactivate", args=[user.pk])


def person(django_user_model, email, role, city=None, **names):
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD, **names)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    grant_role(user, role, city)
    return user


def rows(client, **query) -> list[str]:
    response = client.get(PEOPLE, query)
    assert response.status_code == 200
    return [text(row) for row in listing_rows(response)]


def emails(client, **query) -> list[str]:
    return sorted(word for row in rows(client, **query) for word in row.split() if "@" in word)


def signed_in_with_code(user) -> Client:
    """A browser signed in the way an admin user does: password, then the authenticator's code."""
    browser = Client()
    post_password(browser, user.email)
    post_code(browser, totp_code(user))
    assert signed_in_id(browser) == str(user.pk)
    return browser


def revoked_by(actor, user) -> bool:
    return AuditEvent.objects.filter(action=AuditAction.ROLE_REVOKED, actor=actor, subject_email=user.email).exists()


@pytest.fixture
def practice(stockholm):
    page = make_practice(stockholm, "Members-only drill", "members-only-drill")
    restrict_to_members(page)
    return page


@pytest.fixture
def two_cities(
    django_user_model, stockholm, barcelona, stockholm_editor, barcelona_editor, expert, member, secretariat
):
    """Besides one person per role: someone on the staff of both cities."""
    both = person(django_user_model, "both@example.org", Role.CITY_EDITOR, barcelona)
    grant_role(both, Role.NETWORK_MEMBER, stockholm)
    return both


class TestListing:
    def test_a_coordinator_sees_only_stockholm_people_and_roles(
        self, coordinator_client, stockholm_coordinator, two_cities
    ):
        assert emails(coordinator_client) == [
            "both@example.org",
            "coordinator@stockholm.example.org",
            "editor@stockholm.example.org",
        ]
        response = coordinator_client.get(PEOPLE)
        both = row_for(response, "both@example.org")
        assert "Network member, Stockholm" in text(both) and "Barcelona" not in text(both)
        assert "Revoke" in text(row_for(response, "editor@stockholm.example.org"))
        own = row_for(response, "coordinator@stockholm.example.org")
        assert "City coordinator, Stockholm" in text(own) and "Revoke" not in text(own)
        assert "Deactivate" not in response.content.decode()

    def test_the_secretariat_sees_everyone_and_every_role(self, secretariat_client, two_cities, expert):
        assert emails(secretariat_client) == [
            "both@example.org",
            "editor@barcelona.example.org",
            "editor@stockholm.example.org",
            "expert@example.org",
            "member@example.org",
            "secretariat@example.org",
        ]
        response = secretariat_client.get(PEOPLE)
        both = text(row_for(response, "both@example.org"))
        assert "City editor, Barcelona" in both and "Network member, Stockholm" in both
        assert "Invited expert" in text(row_for(response, "expert@example.org"))
        own = row_for(response, "secretariat@example.org")
        assert "Revoke" not in text(own) and "Deactivate" not in text(own)
        expert_row = row_for(response, "expert@example.org")
        assert revoke_url(expert, Role.INVITED_EXPERT) in expert_row and deactivate_url(expert) in expert_row

    def test_columns_show_name_active_and_last_login(self, secretariat_client, django_user_model, stockholm):
        person(
            django_user_model, "anna@example.org", Role.NETWORK_MEMBER, stockholm, first_name="Anna", last_name="Berg"
        )
        row = text(row_for(secretariat_client.get(PEOPLE), "anna@example.org"))
        assert row.startswith("Anna Berg anna@example.org Network member, Stockholm")
        assert "Active" in row and row.endswith("Never")

    def test_filter_by_city_and_role(self, secretariat_client, two_cities, stockholm, barcelona):
        assert emails(secretariat_client, city=barcelona.pk) == ["both@example.org", "editor@barcelona.example.org"]
        assert emails(secretariat_client, role=Role.INVITED_EXPERT) == ["expert@example.org"]
        assert emails(secretariat_client, role=Role.CITY_EDITOR, city=stockholm.pk) == ["editor@stockholm.example.org"]
        assert emails(secretariat_client, role=Role.NETWORK_MEMBER) == ["both@example.org", "member@example.org"]
        assert emails(secretariat_client, role=Role.NETWORK_MEMBER, city=barcelona.pk) == []

    def test_a_coordinator_filters_within_their_city(self, coordinator_client, two_cities, stockholm, barcelona):
        form = coordinator_client.get(PEOPLE).context["filters"].form
        assert list(form.fields["city"].queryset) == [stockholm]
        offered = [value for value, _ in form.fields["role"].choices if value]
        assert offered == [Role.CITY_COORDINATOR, Role.CITY_EDITOR, Role.NETWORK_MEMBER]
        assert emails(coordinator_client, role=Role.CITY_EDITOR) == ["editor@stockholm.example.org"]
        for query in ({"city": barcelona.pk}, {"role": Role.INVITED_EXPERT}, {"q": "barcelona"}):
            html = coordinator_client.get(PEOPLE, query).content.decode()
            assert "editor@barcelona.example.org" not in html and "expert@example.org" not in html, query

    def test_search_by_name_and_address(self, secretariat_client, django_user_model, stockholm):
        person(
            django_user_model, "anna@example.org", Role.NETWORK_MEMBER, stockholm, first_name="Anna", last_name="Berg"
        )
        person(django_user_model, "bo@example.org", Role.NETWORK_MEMBER, stockholm, first_name="Bo", last_name="Ek")
        assert emails(secretariat_client, q="anna berg") == ["anna@example.org"]
        assert emails(secretariat_client, q="BO@EXAMPLE") == ["bo@example.org"]
        assert emails(secretariat_client, q="nobody") == []

    def test_fifty_to_a_page(self, secretariat_client, django_user_model, stockholm):
        for n in range(52):
            person(django_user_model, f"p{n:02}@example.org", Role.NETWORK_MEMBER, stockholm)
        first, second = rows(secretariat_client), rows(secretariat_client, p=2)
        assert len(first) == 50 and len(second) == 3  # and the secretariat
        assert not {row.split()[0] for row in first} & {row.split()[0] for row in second}

    def test_hostile_query_strings_answer_plainly(self, secretariat_client, coordinator_client, two_cities):
        queries = ({"city": "abc"}, {"role": "<b>"}, {"ordering": "password"}, {"p": "999"}, {"q": "%"})
        for client in (secretariat_client, coordinator_client):
            for query in queries:
                for path in (PEOPLE, reverse("people:index_results")):
                    assert client.get(path, query).status_code == 200, query

    def test_the_menu_offers_people_to_those_who_offboard(
        self, client, secretariat, stockholm_coordinator, stockholm_editor
    ):
        for user, shown in ((secretariat, True), (stockholm_coordinator, True), (stockholm_editor, False)):
            client.force_login(user)
            html = client.get(reverse("wagtailadmin_home")).content.decode()
            assert (PEOPLE in html) == shown, user


class TestCoordinatorRevokes:
    def test_a_revoked_editor_is_signed_out_of_the_admin_and_members_pages(
        self, coordinator_client, stockholm_coordinator, stockholm_editor, stockholm, practice
    ):
        editor = signed_in_with_code(stockholm_editor)
        assert editor.get("/admin/").status_code == 200
        assert editor.get(practice.url).status_code == 200
        url = revoke_url(stockholm_editor, Role.CITY_EDITOR, stockholm)

        confirm = coordinator_client.get(url)
        assert confirm.status_code == 200
        assert "City editor, Stockholm" in text(confirm.content.decode())
        assert roles_of(stockholm_editor) == [Grant(Role.CITY_EDITOR, stockholm)]  # asking is not revoking

        response = coordinator_client.post(url)
        assert response.status_code == 302 and response["Location"] == PEOPLE
        assert any("no longer holds the role City editor, Stockholm" in m for m in messages_of(response))
        assert roles_of(stockholm_editor) == []
        assert not UserSession.objects.filter(user=stockholm_editor).exists()
        for path in ("/admin/", practice.url):
            refused = editor.get(path)
            assert refused.status_code == 302 and refused["Location"].startswith("/accounts/login/"), path
        assert revoked_by(stockholm_coordinator, stockholm_editor)
        assert emails(coordinator_client) == ["coordinator@stockholm.example.org"]

    def test_another_stockholm_coordinator_can_be_revoked(
        self, coordinator_client, django_user_model, stockholm_coordinator, stockholm
    ):
        other = person(django_user_model, "second@stockholm.example.org", Role.CITY_COORDINATOR, stockholm)
        assert coordinator_client.post(revoke_url(other, Role.CITY_COORDINATOR, stockholm)).status_code == 302
        assert roles_of(other) == []
        assert revoked_by(stockholm_coordinator, other)

    def test_a_barcelona_person_is_not_found(self, coordinator_client, barcelona_editor, barcelona, stockholm):
        for url in (
            revoke_url(barcelona_editor, Role.CITY_EDITOR, barcelona),
            revoke_url(barcelona_editor, Role.CITY_EDITOR, stockholm),
        ):
            assert coordinator_client.get(url).status_code == 404
            assert coordinator_client.post(url).status_code == 404
        assert roles_of(barcelona_editor) == [Grant(Role.CITY_EDITOR, barcelona)]

    def test_roles_outside_their_city_are_refused(
        self, coordinator_client, django_user_model, expert, secretariat, stockholm, barcelona
    ):
        """Someone on Stockholm's staff who is also an expert, a Barcelona editor and the secretariat."""
        many = person(django_user_model, "many@example.org", Role.NETWORK_MEMBER, stockholm)
        for role, city in ((Role.INVITED_EXPERT, None), (Role.CITY_EDITOR, barcelona), (Role.SECRETARIAT, None)):
            grant_role(many, role, city)
        before = roles_of(many)
        for url in (
            revoke_url(many, Role.INVITED_EXPERT),
            revoke_url(many, Role.SECRETARIAT),
            revoke_url(many, Role.CITY_EDITOR, barcelona),
            revoke_url(many, Role.NETWORK_MEMBER),
            deactivate_url(many),
        ):
            assert_permission_denied(coordinator_client.get(url))
            assert_permission_denied(coordinator_client.post(url))
        assert roles_of(many) == before
        many.refresh_from_db()
        assert many.is_active and many.is_superuser

    def test_their_own_coordinator_role_is_refused(self, coordinator_client, stockholm_coordinator, stockholm):
        url = revoke_url(stockholm_coordinator, Role.CITY_COORDINATOR, stockholm)
        assert_permission_denied(coordinator_client.post(url))
        assert roles_of(stockholm_coordinator) == [Grant(Role.CITY_COORDINATOR, stockholm)]
        assert coordinator_client.get(PEOPLE).status_code == 200, "still signed in"

    def test_forged_requests_change_nothing(self, coordinator_client, stockholm_editor, stockholm, barcelona):
        pk = stockholm_editor.pk
        not_found = [
            f"{PEOPLE}999999/revoke/city_editor/{stockholm.pk}/",
            f"{PEOPLE}99999999999999999999/revoke/city_editor/{stockholm.pk}/",
            f"{PEOPLE}{pk}/revoke/emperor/{stockholm.pk}/",
            f"{PEOPLE}{pk}/revoke/city_editor/999999/",
            f"{PEOPLE}{pk}/revoke/city_editor/99999999999999999999/",
            f"{PEOPLE}{pk}/revoke/city_editor/abc/",
            f"{PEOPLE}{pk}/revoke/%3Cscript%3E/",
            f"{PEOPLE}abc/deactivate/",
        ]
        for url in not_found:
            assert coordinator_client.post(url).status_code == 404, url
        assert_permission_denied(coordinator_client.post(revoke_url(stockholm_editor, Role.CITY_EDITOR, barcelona)))
        assert_permission_denied(coordinator_client.post(deactivate_url(stockholm_editor)))
        # A Stockholm role the editor does not hold: said plainly, nothing done.
        response = coordinator_client.post(revoke_url(stockholm_editor, Role.NETWORK_MEMBER, stockholm))
        assert response.status_code == 302
        assert "does not hold the role Network member, Stockholm" in " ".join(messages_of(response))
        assert roles_of(stockholm_editor) == [Grant(Role.CITY_EDITOR, stockholm)]
        stockholm_editor.refresh_from_db()
        assert stockholm_editor.is_active
        assert not AuditEvent.objects.filter(action=AuditAction.ROLE_REVOKED).exists()


class TestSecretariat:
    def test_revokes_an_expert_role(self, secretariat_client, secretariat, expert):
        response = secretariat_client.post(revoke_url(expert, Role.INVITED_EXPERT))
        assert response.status_code == 302
        assert roles_of(expert) == []
        assert revoked_by(secretariat, expert)

    def test_deactivates_an_account_and_its_session_ends(self, secretariat_client, secretariat, member, practice):
        browser = Client()
        post_password(browser, member.email)
        assert browser.get(practice.url).status_code == 200
        url = deactivate_url(member)

        assert "can no longer sign in" in text(secretariat_client.get(url).content.decode())
        member.refresh_from_db()
        assert member.is_active  # asking is not deactivating
        response = secretariat_client.post(url)
        assert response.status_code == 302
        assert "The account of member@example.org was deactivated" in " ".join(messages_of(response))
        member.refresh_from_db()
        assert not member.is_active
        assert browser.get(practice.url)["Location"].startswith("/accounts/login/")
        event = AuditEvent.objects.get(action=AuditAction.USER_DEACTIVATED, subject_email=member.email)
        assert event.actor == secretariat
        assert "Deactivated" in text(row_for(secretariat_client.get(PEOPLE), member.email))

    def test_an_account_already_off_is_left_alone(self, secretariat_client, member):
        member.is_active = False
        member.save()
        response = secretariat_client.post(deactivate_url(member))
        assert "already deactivated" in " ".join(messages_of(response))
        assert AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATED).count() == 1
        assert deactivate_url(member) not in secretariat_client.get(PEOPLE).content.decode()

    def test_not_their_own_account_nor_secretariat_role(self, secretariat_client, secretariat):
        assert_permission_denied(secretariat_client.post(deactivate_url(secretariat)))
        assert_permission_denied(secretariat_client.post(revoke_url(secretariat, Role.SECRETARIAT)))
        secretariat.refresh_from_db()
        assert secretariat.is_active and secretariat.is_superuser

    def test_may_revoke_their_own_coordinator_role_and_is_signed_out(self, secretariat_client, secretariat, stockholm):
        grant_role(secretariat, Role.CITY_COORDINATOR, stockholm)
        url = revoke_url(secretariat, Role.CITY_COORDINATOR, stockholm)
        assert "you will be signed out too" in text(secretariat_client.get(url).content.decode())

        assert secretariat_client.post(url).status_code == 302
        assert roles_of(secretariat) == [Grant(Role.SECRETARIAT)]
        assert secretariat_client.get(PEOPLE)["Location"].startswith("/accounts/login/")

    def test_an_unknown_person_is_not_found(self, secretariat_client, outsider):
        """Someone with no role is not in People."""
        assert secretariat_client.get(deactivate_url(outsider)).status_code == 404
        assert secretariat_client.post(revoke_url(outsider, Role.NETWORK_MEMBER)).status_code == 404


# Everyone who does not offboard: admin users (editors; experts, who draft research) get
# "permission denied" on the dashboard, everyone else the sign-in page.
@pytest.mark.parametrize("someone", ["stockholm_editor", "expert", "member", "outsider", None], indirect=True)
def test_everyone_else_is_refused_everywhere(someone, django_user_model, stockholm):  # noqa: F811 (the imported fixture)
    client, kind = someone
    target = person(django_user_model, "staff@stockholm.example.org", Role.NETWORK_MEMBER, stockholm)
    requests = [
        ("get", PEOPLE),
        ("get", reverse("people:index_results")),
        ("get", revoke_url(target, Role.NETWORK_MEMBER, stockholm)),
        ("post", revoke_url(target, Role.NETWORK_MEMBER, stockholm)),
        ("get", deactivate_url(target)),
        ("post", deactivate_url(target)),
    ]
    for method, path in requests:
        assert_refused(getattr(client, method)(path), kind)
    target.refresh_from_db()
    assert target.is_active and roles_of(target) == [Grant(Role.NETWORK_MEMBER, stockholm)]
    assert not AuditEvent.objects.filter(action__in=[AuditAction.ROLE_REVOKED, AuditAction.USER_DEACTIVATED]).exists()
