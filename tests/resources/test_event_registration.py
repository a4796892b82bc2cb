"""Registering for events: places, waiting list, cancelling, and the host's list of registrations."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from members.choices import Role
from members.roles import grant_role
from resources import registrations
from resources.choices import RegistrationStatus
from resources.models import EventPage, Registration
from tests.admin_forms import add_url, event_form
from tests.conftest import restrict_to_members
from tests.factories import EventPageFactory

REGISTERED = "You are registered."


def make_member(django_user_model, email, **names):
    user = django_user_model.objects.create_user(username=email, email=email, password="x" * 20, **names)
    grant_role(user, Role.NETWORK_MEMBER)
    return user


def register_url(event):
    return f"/events/{event.pk}/register/"


def cancel_url(event):
    return f"/events/{event.pk}/cancel/"


def list_url(event):
    return f"/events/{event.pk}/registrations/"


def csv_url(event):
    return f"/events/{event.pk}/registrations.csv"


@pytest.fixture
def event(site_tree, stockholm):
    return EventPageFactory(
        parent=site_tree["events"], title="Annual meeting", registration_open=True, capacity=2, host_city=stockholm
    )


@pytest.fixture
def small_event(site_tree, stockholm):
    """One place only."""
    return EventPageFactory(
        parent=site_tree["events"], title="Table-top exercise", registration_open=True, capacity=1, host_city=stockholm
    )


@pytest.fixture
def colleague(django_user_model):
    return make_member(django_user_model, "colleague@example.org", first_name="Ada", last_name="Lind")


def statuses(event):
    return dict(Registration.objects.filter(event=event).values_list("user__email", "status"))


class TestAdminSettings:
    def test_secretariat_opens_registration_with_a_capacity(self, secretariat_client, site_tree):
        data = event_form(registration_open="on", capacity="40", registration_closes="2031-05-01 12:00")
        assert secretariat_client.post(add_url(EventPage, site_tree["events"]), data).status_code == 302
        event = EventPage.objects.get()
        assert (event.registration_open, event.capacity) == (True, 40)

    @pytest.mark.parametrize("capacity", ["0", "-3", "many", "99999999999"])
    def test_capacity_must_be_a_positive_number(self, secretariat_client, site_tree, capacity):
        data = event_form(registration_open="on", capacity=capacity)
        response = secretariat_client.post(add_url(EventPage, site_tree["events"]), data)
        assert response.status_code == 200
        assert response.context["form"].errors["capacity"]
        assert not EventPage.objects.exists()


class TestRegistering:
    def test_member_registers_and_sees_it_on_the_event_page(self, member_client, member, event):
        page = member_client.get(event.url).content.decode()
        assert "2 places left." in page
        assert f'action="{register_url(event)}"' in page
        assert "csrfmiddlewaretoken" in page
        response = member_client.post(register_url(event), follow=True)
        assert response.redirect_chain == [(f"{event.url}#registration", 302)]
        page = response.content.decode()
        assert REGISTERED in page
        assert "Cancel my registration" in page
        assert "1 place left." in page
        assert statuses(event) == {member.email: RegistrationStatus.REGISTERED}

    def test_registering_twice_keeps_one_place(self, member_client, member, event):
        member_client.post(register_url(event))
        member_client.post(register_url(event))
        assert Registration.objects.filter(event=event).count() == 1
        assert "1 place left." in member_client.get(event.url).content.decode()

    def test_unlimited_event_shows_no_count(self, member_client, site_tree):
        event = EventPageFactory(parent=site_tree["events"], registration_open=True, capacity=None)
        response = member_client.post(register_url(event), follow=True)
        assert REGISTERED in response.content.decode()
        assert "left." not in response.content.decode()

    def test_full_event_puts_the_next_member_on_the_waiting_list(self, client, member, colleague, small_event):
        client.force_login(member)
        client.post(register_url(small_event))
        client.force_login(colleague)
        full = client.get(small_event.url).content.decode()
        assert "The event is full: new registrations join the waiting list." in full
        response = client.post(register_url(small_event), follow=True)
        page = response.content.decode()
        assert "The event is full: you are number 1 on the waiting list." in page
        assert "Leave the waiting list" in page
        assert statuses(small_event) == {member.email: "registered", colleague.email: "waiting"}

    def test_event_without_registration_shows_no_box(self, member_client, site_tree):
        event = EventPageFactory(parent=site_tree["events"])
        assert 'id="registration"' not in member_client.get(event.url).content.decode()
        member_client.post(register_url(event))
        assert not Registration.objects.exists()

    @pytest.mark.parametrize(
        "fields",
        [
            {"registration_closes": timezone.now() - datetime.timedelta(hours=1)},
            {
                "start": timezone.now() - datetime.timedelta(days=2),
                "end": timezone.now() - datetime.timedelta(days=1),
            },
        ],
        ids=["closing-time-passed", "event-over"],
    )
    def test_closed_registration_is_refused(self, member_client, site_tree, fields):
        event = EventPageFactory(parent=site_tree["events"], registration_open=True, **fields)
        assert "Registration is closed." in member_client.get(event.url).content.decode()
        response = member_client.post(register_url(event), follow=True)
        assert "Registration for this event is closed." in response.content.decode()
        assert not Registration.objects.exists()


class TestCancelling:
    def test_cancel_frees_the_place(self, member_client, member, event):
        member_client.post(register_url(event))
        response = member_client.post(cancel_url(event), follow=True)
        page = response.content.decode()
        assert "Your registration is cancelled." in page
        assert "2 places left." in page
        assert statuses(event) == {member.email: RegistrationStatus.CANCELLED}

    def test_cancel_promotes_the_first_waiting_person_and_emails_them(
        self, client, member, colleague, django_user_model, small_event, django_capture_on_commit_callbacks
    ):
        third = make_member(django_user_model, "third@example.org")
        for person in (member, colleague, third):
            registrations.register(small_event, person)
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(cancel_url(small_event))
        expected = {member.email: "cancelled", colleague.email: "registered", third.email: "waiting"}
        assert statuses(small_event) == expected
        assert [m.to for m in mail.outbox] == [[colleague.email]]
        assert "Table-top exercise" in mail.outbox[0].subject
        client.force_login(third)
        assert "You are number 1 on the waiting list." in client.get(small_event.url).content.decode()

    def test_raising_the_capacity_promotes_waiting_people_in_order(
        self, client, member, colleague, django_user_model, small_event, django_capture_on_commit_callbacks
    ):
        third = make_member(django_user_model, "third@example.org")
        for person in (member, colleague, third):
            registrations.register(small_event, person)
        small_event.capacity = 2
        with django_capture_on_commit_callbacks(execute=True):
            small_event.save_revision().publish()
        expected = {member.email: "registered", colleague.email: "registered", third.email: "waiting"}
        assert statuses(small_event) == expected
        assert [m.to for m in mail.outbox] == [[colleague.email]]
        client.force_login(colleague)
        assert REGISTERED in client.get(small_event.url).content.decode()

    def test_removing_the_limit_promotes_everyone_waiting(self, member, colleague, small_event):
        registrations.register(small_event, member)
        registrations.register(small_event, colleague)
        small_event.capacity = None
        small_event.save_revision().publish()
        assert statuses(small_event) == {member.email: "registered", colleague.email: "registered"}

    def test_leaving_the_waiting_list_promotes_nobody(self, client, member, colleague, small_event):
        registrations.register(small_event, member)
        registrations.register(small_event, colleague)
        client.force_login(colleague)
        client.post(cancel_url(small_event))
        assert statuses(small_event) == {member.email: "registered", colleague.email: "cancelled"}
        assert mail.outbox == []

    def test_register_again_after_cancelling(self, member_client, member, event):
        member_client.post(register_url(event))
        member_client.post(cancel_url(event))
        response = member_client.post(register_url(event), follow=True)
        assert REGISTERED in response.content.decode()
        assert Registration.objects.filter(event=event, user=member, status="registered").count() == 1

    def test_registered_member_can_cancel_after_registration_is_switched_off(self, member_client, member, event):
        member_client.post(register_url(event))
        EventPage.objects.filter(pk=event.pk).update(registration_open=False)
        page = member_client.get(event.url).content.decode()
        assert "Registration is closed." in page
        assert "Cancel my registration" in page
        member_client.post(cancel_url(event))
        assert statuses(event) == {member.email: "cancelled"}

    def test_cancel_without_registration_says_so(self, member_client, event):
        response = member_client.post(cancel_url(event), follow=True)
        assert "You had no registration to cancel." in response.content.decode()


class TestWhoMayRegister:
    def test_anonymous_is_sent_to_sign_in(self, client, event):
        page = client.get(event.url).content.decode()
        assert "Sign in</a> to register" in page
        assert register_url(event) not in page
        response = client.post(register_url(event))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert not Registration.objects.exists()

    def test_outsider_is_refused(self, client, outsider, event):
        client.force_login(outsider)
        page = client.get(event.url).content.decode()
        assert "Registration is open to network members." in page
        assert register_url(event) not in page
        assert client.post(register_url(event)).status_code == 403
        assert not Registration.objects.exists()

    def test_members_only_event_refuses_the_outsider(self, client, outsider, event):
        restrict_to_members(event)
        client.force_login(outsider)
        assert client.post(register_url(event)).status_code == 403
        assert not Registration.objects.exists()

    def test_event_for_one_group_refuses_members_outside_it(self, member_client, event):
        restriction = PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.create(name="Exercise planners"))
        assert member_client.post(register_url(event)).status_code == 403
        assert member_client.post(cancel_url(event)).status_code == 403
        assert not Registration.objects.exists()

    def test_members_only_event_is_open_to_members(self, member_client, event):
        restrict_to_members(event)
        response = member_client.post(register_url(event), follow=True)
        assert REGISTERED in response.content.decode()

    def test_unpublished_event_is_not_found(self, member_client, event):
        event.unpublish()
        assert member_client.post(register_url(event)).status_code == 404
        assert not Registration.objects.exists()

    @pytest.mark.parametrize(
        "path",
        [
            "/events/99999999999999999999/register/",
            "/events/2147483648/cancel/",
            "/events/0/register/",
            "/events/-1/register/",
            "/events/abc/register/",
            "/events/1%00/register/",
        ],
    )
    def test_unknown_ids_are_not_found(self, member_client, event, path):
        assert member_client.post(path, {"page_id": "1' OR 1=1", "status": "registered"}).status_code == 404

    def test_a_page_that_is_not_an_event_is_not_found(self, member_client, event, stockholm):
        assert member_client.post(register_url(stockholm)).status_code == 404

    def test_hostile_post_values_change_nothing_but_the_own_registration(self, member_client, member, colleague, event):
        registrations.register(event, colleague)
        hostile = {"user": str(colleague.pk), "status": "cancelled", "capacity": "-5", "event": "<script>"}
        member_client.post(register_url(event), hostile)
        member_client.post(cancel_url(event), hostile)
        assert statuses(event) == {member.email: "cancelled", colleague.email: "registered"}

    def test_get_does_not_register(self, member_client, event):
        assert member_client.get(register_url(event)).status_code == 405
        assert not Registration.objects.exists()


class TestHostList:
    @pytest.fixture
    def booked(self, event, member, colleague, django_user_model):
        registrations.register(event, member)
        registrations.register(event, colleague)
        registrations.register(event, make_member(django_user_model, "late@example.org"))
        return event

    @pytest.mark.parametrize("host", ["secretariat", "stockholm_editor", "stockholm_coordinator"])
    def test_host_sees_registered_and_waiting_people(self, client, booked, host, request):
        client.force_login(request.getfixturevalue(host))
        page = client.get(list_url(booked)).content.decode()
        for text in ("member@example.org", "colleague@example.org", "Ada Lind", "late@example.org"):
            assert text in page
        assert page.count("On the waiting list") == 1
        assert "See who has registered" in client.get(booked.url).content.decode()

    @pytest.mark.parametrize("host", ["secretariat", "stockholm_editor"])
    def test_host_downloads_the_csv(self, client, booked, host, request):
        client.force_login(request.getfixturevalue(host))
        response = client.get(csv_url(booked))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["Name", "Email", "Status", "Registered"]
        assert [row[1:3] for row in rows[1:]] == [
            ["member@example.org", "Registered"],
            ["colleague@example.org", "Registered"],
            ["late@example.org", "On the waiting list"],
        ]
        assert rows[2][0] == "Ada Lind"

    def test_cancelled_people_are_not_listed(self, client, secretariat, booked, member):
        registrations.cancel(booked, member)
        client.force_login(secretariat)
        assert "member@example.org" not in client.get(csv_url(booked)).content.decode()

    @pytest.mark.parametrize("who", ["barcelona_editor", "member", "outsider"])
    def test_everyone_else_is_refused(self, client, booked, who, request):
        client.force_login(request.getfixturevalue(who))
        assert client.get(list_url(booked)).status_code == 403
        assert client.get(csv_url(booked)).status_code == 403
        assert "See who has registered" not in client.get(booked.url).content.decode()

    def test_anonymous_is_sent_to_sign_in(self, client, booked):
        for url in (list_url(booked), csv_url(booked)):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")

    def test_event_without_host_city_is_for_the_secretariat_only(self, client, site_tree, stockholm_editor):
        event = EventPageFactory(parent=site_tree["events"], registration_open=True)
        client.force_login(stockholm_editor)
        assert client.get(list_url(event)).status_code == 403

    @pytest.mark.parametrize("path", ["/events/99999999999999/registrations/", "/events/0/registrations.csv"])
    def test_unknown_ids_are_not_found(self, secretariat_client, path):
        assert secretariat_client.get(path).status_code == 404

    def test_csv_cells_never_run_as_formulas(self, client, secretariat, event, django_user_model):
        hostile = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
        for n, name in enumerate(hostile):
            registrations.register(event, make_member(django_user_model, f"p{n}@example.org", first_name=name))
        registrations.register(event, make_member(django_user_model, "=cmd@example.org"))
        client.force_login(secretariat)
        rows = list(csv.reader(io.StringIO(client.get(csv_url(event)).content.decode())))[1:]
        cells = [cell for row in rows for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t")]
        assert {row[0] for row in rows[:5]} == {f"'{name.strip()}" for name in hostile}
        assert rows[5][1] == "'=cmd@example.org"
