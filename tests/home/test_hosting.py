"""Host-city handover: the hosting periods, who may manage them, what the site shows of
them, and the secretariat's report of what happened during one."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from home.hosting_report import build_report
from home.models import FooterSettings, HostingPeriod
from members import invitations
from members.choices import Role
from members.models import Invitation
from portal import page_cache
from resources.choices import RegistrationStatus
from resources.models import Registration
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Europe/Stockholm")
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate()
FIRST, LAST = datetime.date(2021, 1, 1), datetime.date(2022, 12, 31)
REFUSED = ["member", "expert", "stockholm_editor", "barcelona_editor", "stockholm_coordinator"]


def at(day: datetime.date, hour=0, minute=0) -> datetime.datetime:
    """A moment on ``day`` in the site's time zone (Stockholm)."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def period(city, start, end=None, **fields) -> HostingPeriod:
    term = HostingPeriod(city=city, start=start, end=end, **fields)
    term.full_clean()
    term.save()
    return term


def published(page, moment: datetime.datetime):
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment)
    return page


def snippet_url(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_home_hostingperiod:{action}", args=args)


def report_url(term=None, kind="") -> str:
    if term is None:
        return reverse("hosting_report")
    return reverse(f"hosting_report{kind}", args=[term.pk])


def form_data(city, start="2023-01-01", end="2024-12-31", notes="") -> dict:
    return {"city": str(city.pk), "start": start, "end": end, "handover_notes": notes}


@pytest.fixture
def stockholm_term(stockholm):
    return period(stockholm, FIRST, LAST, handover_notes="Keys to the shared drive are with SSR.")


# -- The model's rules ----------------------------------------------------------


class TestValidation:
    def test_end_must_come_after_start(self, stockholm):
        for end in (FIRST - DAY, FIRST):
            with pytest.raises(ValidationError) as error:
                period(stockholm, FIRST, end)
            assert "must end after it starts" in str(error.value)

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            (datetime.date(2020, 6, 1), FIRST),  # ends on the first day
            (LAST, datetime.date(2023, 6, 1)),  # starts on the last day
            (datetime.date(2021, 5, 1), datetime.date(2021, 6, 1)),  # inside
            (datetime.date(2020, 1, 1), datetime.date(2024, 1, 1)),  # around
            (datetime.date(2022, 1, 1), None),  # open-ended, starting inside
            (datetime.date(2019, 1, 1), None),  # open-ended, starting before
        ],
    )
    def test_terms_never_overlap(self, stockholm_term, barcelona, start, end):
        with pytest.raises(ValidationError) as error:
            period(barcelona, start, end)
        assert "overlaps the term of Stockholm, 2021-2022" in str(error.value)
        assert HostingPeriod.objects.count() == 1

    def test_terms_may_follow_each_other_day_after_day(self, stockholm_term, barcelona):
        before = period(barcelona, datetime.date(2018, 3, 1), FIRST - DAY)
        after = period(barcelona, LAST + DAY)
        assert list(HostingPeriod.objects.all()) == [before, stockholm_term, after]

    def test_at_most_one_open_ended_term(self, stockholm, barcelona):
        period(stockholm, datetime.date(2025, 1, 1))
        with pytest.raises(ValidationError) as error:
            period(barcelona, datetime.date(2027, 1, 1))
        assert "Give it an end date first" in str(error.value)

    def test_a_term_does_not_clash_with_itself(self, stockholm_term):
        stockholm_term.end = datetime.date(2023, 6, 30)
        stockholm_term.full_clean()  # would raise ValidationError for an overlap
        stockholm_term.save()
        assert HostingPeriod.objects.get(pk=stockholm_term.pk).end == datetime.date(2023, 6, 30)

    def test_a_hosting_city_cannot_be_deleted(self, stockholm_term, stockholm):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            stockholm.delete()

    def test_the_admin_refuses_to_delete_a_hosting_city(self, secretariat_client, stockholm_term, stockholm):
        response = secretariat_client.post(reverse("wagtailadmin_pages:delete", args=[stockholm.pk]))
        assert response.status_code in (200, 302)
        assert type(stockholm).objects.filter(pk=stockholm.pk).exists()


# -- Who may manage the periods and read the report --------------------------------


def assert_refused(response):
    """Anonymous readers go to the sign-in page; the signed-in are refused (403, or
    Wagtail's redirect to its dashboard with "permission denied")."""
    assert response.status_code in (302, 403), response.status_code


@pytest.fixture(params=["anonymous", *REFUSED])
def outsider_client(request, client):
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    return client


class TestAccess:
    def test_only_the_secretariat_reads_the_report(self, outsider_client, stockholm_term):
        for url in (report_url(), report_url(stockholm_term), report_url(stockholm_term, "_print")):
            response = outsider_client.get(url)
            assert_refused(response)
            assert b"Keys to the shared drive" not in response.content
        response = outsider_client.get(report_url(stockholm_term, "_csv"))
        assert_refused(response)
        assert response.get("Content-Type", "").startswith("text/csv") is False

    def test_only_the_secretariat_manages_periods(self, outsider_client, stockholm_term, barcelona):
        for url in (snippet_url("list"), snippet_url("add"), snippet_url("edit", stockholm_term.pk)):
            assert_refused(outsider_client.get(url))
        assert_refused(outsider_client.post(snippet_url("add"), form_data(barcelona)))
        changed = form_data(barcelona, start="2021-01-01", end="2022-12-31")
        assert_refused(outsider_client.post(snippet_url("edit", stockholm_term.pk), changed))
        assert_refused(outsider_client.post(snippet_url("delete", stockholm_term.pk)))
        assert [(p.city_id, p.start) for p in HostingPeriod.objects.all()] == [(stockholm_term.city_id, FIRST)]

    def test_the_secretariat_sees_the_menu_and_the_snippet(self, secretariat_client, stockholm_term):
        dashboard = secretariat_client.get(reverse("wagtailadmin_home")).content.decode()
        assert report_url() in dashboard and snippet_url("list") in dashboard
        listing = secretariat_client.get(snippet_url("list"))
        assert listing.status_code == 200 and "Stockholm" in listing.content.decode()

    def test_an_editor_is_not_offered_the_menu(self, client, stockholm_editor, stockholm_term):
        client.force_login(stockholm_editor)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert report_url() not in dashboard and snippet_url("list") not in dashboard

    def test_city_editors_no_longer_edit_hosting_on_their_city_page(self, client, stockholm_editor, stockholm):
        client.force_login(stockholm_editor)
        form = client.get(reverse("wagtailadmin_pages:edit", args=[stockholm.pk])).content.decode()
        assert "hosting_periods" not in form and "Hosting the network" not in form


class TestSnippetForm:
    def test_the_secretariat_records_a_term(self, secretariat_client, stockholm_term, barcelona):
        response = secretariat_client.post(snippet_url("add"), form_data(barcelona, notes="Handover in January."))
        assert response.status_code == 302
        term = HostingPeriod.objects.get(city=barcelona)
        assert (term.start, term.end, term.handover_notes) == (
            datetime.date(2023, 1, 1),
            datetime.date(2024, 12, 31),
            "Handover in January.",
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"start": "2022-06-01", "end": "2023-06-01"}, "overlaps the term of Stockholm, 2021-2022"),
            ({"start": "2020-01-01", "end": ""}, "overlaps the term of Stockholm, 2021-2022"),
            ({"start": "2024-01-01", "end": "2023-01-01"}, "must end after it starts"),
            ({"start": "not a date"}, "Enter a valid date"),
            ({"start": "2023-02-30"}, "Enter a valid date"),
            ({"start": "9" * 5000}, "Enter a valid date"),
            ({"end": ["2024-01-01", "x"]}, ""),
            ({"city": "abc"}, ""),
            ({"city": str(2**70)}, ""),
            ({"city": ""}, "This field is required"),
            ({"handover_notes": "x" * 5001}, "at most 5000 characters"),
        ],
    )
    def test_bad_input_is_a_form_error(self, secretariat_client, stockholm_term, barcelona, fields, message):
        response = secretariat_client.post(snippet_url("add"), {**form_data(barcelona), **fields})
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors
        assert message in str(form.errors)
        assert HostingPeriod.objects.count() == 1

    def test_a_page_that_is_not_a_city_is_refused(self, secretariat_client, site_tree):
        research = ResearchPageFactory(parent=site_tree["research"])
        response = secretariat_client.post(snippet_url("add"), form_data(research))
        assert response.status_code == 200 and response.context["form"].errors
        assert not HostingPeriod.objects.exists()

    def test_unknown_ids_are_not_found(self, secretariat_client):
        for url in ("/admin/snippets/home/hostingperiod/edit/999999/", "/admin/snippets/home/hostingperiod/edit/abc/"):
            assert secretariat_client.get(url).status_code == 404


# -- What the site shows -------------------------------------------------------------


def footer_host(html: str) -> str:
    match = re.search(r'<p class="site-footer__host">(.*?)</p>', html, re.S)
    return " ".join(match.group(1).split()) if match else ""


class TestOnTheSite:
    def test_footer_names_the_current_host_and_links_its_page(self, client, stockholm, barcelona):
        period(stockholm, TODAY - 400 * DAY, TODAY - DAY)
        period(barcelona, TODAY, TODAY + 300 * DAY)
        host = footer_host(client.get(stockholm.url).content.decode())
        years = f"{TODAY:%Y}–{TODAY + 300 * DAY:%Y}"
        assert host == f'Hosted by <a href="{barcelona.url}">Barcelona</a>, {years}'

    def test_open_ended_term_reads_since(self, client, stockholm):
        period(stockholm, TODAY - 30 * DAY)
        assert footer_host(client.get("/").content.decode()).endswith(f"since {TODAY - 30 * DAY:%Y}")

    def test_footer_note_only_when_no_term_runs(self, client, site_tree, stockholm):
        from wagtail.models import Site

        footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
        footer.host_city_note = "The secretariat is between hosts."
        footer.save()
        assert "between hosts" in client.get("/").content.decode()
        period(stockholm, TODAY - DAY)
        html = client.get("/").content.decode()
        assert "between hosts" not in html and "Stockholm" in footer_host(html)

    def test_members_only_host_city_is_not_named_to_the_public(self, client, member, site_tree):
        hidden = make_city(site_tree["cities"], "Hidden city", "hidden-city")
        restrict_to_members(hidden)
        period(hidden, TODAY - DAY)
        assert "Hidden city" not in client.get("/").content.decode()
        client.force_login(member)
        assert "Hidden city" in footer_host(client.get("/").content.decode())

    def test_a_saved_period_shows_on_the_next_cached_page(self, client, secretariat, stockholm, barcelona):
        """Anonymous pages are cached; the secretariat's save through the admin clears them."""
        term = period(stockholm, TODAY - 30 * DAY)
        first = client.get(stockholm.url)
        assert client.get(stockholm.url)[page_cache.CACHE_HEADER] == "hit"
        assert "Stockholm" in footer_host(first.content.decode())
        admin = type(client)()
        admin.force_login(secretariat)
        data = form_data(stockholm, start=f"{TODAY - 30 * DAY:%Y-%m-%d}", end=f"{TODAY - DAY:%Y-%m-%d}")
        assert admin.post(snippet_url("edit", term.pk), data).status_code == 302
        assert (
            admin.post(snippet_url("add"), form_data(barcelona, start=f"{TODAY:%Y-%m-%d}", end="")).status_code == 302
        )
        response = client.get(stockholm.url)
        assert response[page_cache.CACHE_HEADER] == "miss"
        assert "Barcelona" in footer_host(response.content.decode())

    def test_home_page_lists_every_host_in_order(self, client, stockholm, barcelona, site_tree):
        london = make_city(site_tree["cities"], "London", "london", country="GB")
        period(london, datetime.date(2018, 3, 1), datetime.date(2020, 12, 31))
        period(stockholm, FIRST, LAST)
        current = period(barcelona, datetime.date(2025, 1, 1))
        html = client.get("/").content.decode()
        history = re.search(r'<ol class="plain-list host-history">(.*?)</ol>', html, re.S).group(1)
        names = re.findall(r'<a href="[^"]+">([^<]+)</a>', history)
        assert names == ["London", "Stockholm", "Barcelona"]
        assert "March 2018" in history and "December 2022" in history and "the present" in history
        assert history.count('aria-current="true"') == (1 if current.start <= TODAY else 0)

    def test_city_page_lists_its_own_terms(self, client, stockholm, barcelona):
        period(stockholm, FIRST, LAST)
        period(barcelona, LAST + DAY)
        html = client.get(stockholm.url).content.decode()
        assert "31 December 2022" in html and "the present" not in html

    def test_handover_notes_are_never_shown_on_the_site(self, client, secretariat, stockholm_term, stockholm):
        client.force_login(secretariat)
        for url in ("/", stockholm.url):
            assert "Keys to the shared drive" not in client.get(url).content.decode()


# -- The secretariat's report ----------------------------------------------------------


@pytest.fixture
def handover(site_tree, stockholm, barcelona, stockholm_term, secretariat):
    """Resources, events and invitations just inside and just outside the Stockholm term."""
    pages = {
        "first-day": make_practice(stockholm, "First day", "first-day"),
        "last-day": make_practice(stockholm, "Last day", "last-day"),
        "day-before": make_practice(stockholm, "Day before", "day-before"),
        "day-after": make_practice(stockholm, "Day after", "day-after"),
        "closed": restrict_to_members(make_practice(barcelona, "Closed", "closed")).page,
        "research": ResearchPageFactory(
            parent=site_tree["research"], title="Joint study", cities=[stockholm, barcelona]
        ),
        "network": ResearchPageFactory(parent=site_tree["research"], title='=HYPERLINK("x")'),
        "event": EventPageFactory(
            parent=site_tree["events"], title="Annual meeting", host_city=stockholm, start=at(LAST, 23, 0)
        ),
        "late-event": EventPageFactory(parent=site_tree["events"], title="Too late", start=at(LAST + DAY, 0, 0)),
        "early-event": EventPageFactory(parent=site_tree["events"], title="Too early", start=at(FIRST - DAY, 23, 59)),
    }
    moments = {
        "first-day": at(FIRST),
        "last-day": at(LAST, 23, 59),
        "day-before": at(FIRST - DAY, 23, 59),
        "day-after": at(LAST + DAY),
        "closed": at(datetime.date(2021, 6, 1), 12),
        "research": at(datetime.date(2022, 3, 1), 9),
        "network": at(datetime.date(2022, 3, 2), 9),
        "event": at(datetime.date(2021, 2, 1)),
        "late-event": at(LAST + 2 * DAY),
        "early-event": at(datetime.date(2020, 2, 1)),
    }
    for key, moment in moments.items():
        published(pages[key], moment)
    _registrations(pages["event"], secretariat)
    _invitations(stockholm, secretariat)
    return pages


def _registrations(event, secretariat):
    from django.contrib.auth import get_user_model

    users = [get_user_model().objects.create_user(f"guest{n}", f"guest{n}@example.org") for n in range(3)]
    for user, status in zip(users, ["registered", "registered", "waiting"], strict=True):
        Registration.objects.create(event=event, user=user, status=status)
    Registration.objects.create(event=event, user=secretariat, status=RegistrationStatus.CANCELLED)


def _invitations(stockholm, secretariat):
    made = [
        (Role.CITY_EDITOR, stockholm, at(FIRST)),
        (Role.CITY_EDITOR, stockholm, at(LAST, 23, 59)),
        (Role.INVITED_EXPERT, None, at(datetime.date(2021, 5, 1))),
        (Role.NETWORK_MEMBER, stockholm, at(FIRST - DAY, 23, 59)),
    ]
    for n, (role, city, moment) in enumerate(made):
        invitation, _token = invitations.invite(
            email=f"person{n}@example.org", role=role, city=city, invited_by=secretariat
        )
        Invitation.objects.filter(pk=invitation.pk).update(created=moment, accepted_at=moment if n == 0 else None)


class TestReport:
    def test_counts_what_happened_from_the_first_to_the_last_day(self, handover, stockholm_term):
        report = build_report(stockholm_term, today=datetime.date(2026, 1, 1))
        titles = [item.page.title for item in report.resources]
        assert titles == ["First day", "Annual meeting", "Closed", "Joint study", '=HYPERLINK("x")', "Last day"]
        assert report.by_type == {"Practice": 3, "Research": 2, "Event": 1}
        assert report.by_city == [
            ("Stockholm", [2, 1, 1], 4),
            ("Barcelona", [1, 1, 0], 2),
            ("Network-wide (no city)", [0, 1, 0], 1),
        ]
        assert [(e.title, e.registered, e.waiting) for e in report.events] == [("Annual meeting", 2, 1)]
        rows = [(row["role"], row["city"], row["sent"], row["accepted"]) for row in report.invitations]
        assert rows == [("City editor", "Stockholm", 2, 1), ("Invited expert", "", 1, 0)]
        assert (report.invitations_sent, report.invitations_accepted) == (3, 1)

    def test_a_running_term_is_counted_up_to_today(self, stockholm, barcelona):
        term = period(barcelona, TODAY - 10 * DAY)
        today_page = published(make_practice(stockholm, "Today", "today"), at(TODAY, 23, 59))
        published(make_practice(stockholm, "Tomorrow", "tomorrow"), at(TODAY + DAY))
        report = build_report(term)
        assert report.last_day == TODAY
        assert [item.page for item in report.resources] == [today_page]

    def test_a_term_not_started_reports_nothing(self, stockholm):
        term = period(stockholm, TODAY + DAY, TODAY + 400 * DAY)
        make_practice(stockholm, "Today", "today")
        report = build_report(term)
        assert report.last_day is None and report.resources == []

    def test_the_secretariat_reads_it_in_the_admin(self, secretariat_client, handover, stockholm_term):
        index = secretariat_client.get(report_url()).content.decode()
        assert report_url(stockholm_term) in index
        html = secretariat_client.get(report_url(stockholm_term)).content.decode()
        assert "Resources first published: 6" in html
        assert "Events held: 1" in html
        assert "Invitations sent: 3, accepted: 1" in html
        assert "Keys to the shared drive are with SSR." in html
        assert "2022-12-31 23:00" in html  # the event's start in the site's time zone
        assert report_url(stockholm_term, "_csv") in html and report_url(stockholm_term, "_print") in html

    def test_the_report_opens_on_the_running_term(self, secretariat_client, stockholm_term, barcelona):
        running = period(barcelona, TODAY - 10 * DAY)
        html = secretariat_client.get(report_url()).content.decode()
        assert f"Barcelona: {running.start:%-d %B %Y} to {TODAY:%-d %B %Y}" in html
        assert "The term is still running" in html
        assert report_url(stockholm_term) in html and report_url(running, "_csv") in html

    def test_printable_version_stands_alone(self, secretariat_client, handover, stockholm_term):
        html = secretariat_client.get(report_url(stockholm_term, "_print")).content.decode()
        assert "CTPN hosting report" in html and "@media print" in html
        assert "Resources first published: 6" in html
        assert "w-sidebar" not in html  # no admin menu on paper

    def test_csv_download(self, secretariat_client, handover, stockholm_term):
        response = secretariat_client.get(report_url(stockholm_term, "_csv"))
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"] == f'attachment; filename="hosting-report-{stockholm_term.pk}-2021.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["Hosting period", "Stockholm", "2021-01-01", "2022-12-31"]
        assert ["Closed", "Practice", "Barcelona", "2021-06-01", "True"] in rows
        assert ['\'=HYPERLINK("x")', "Research", "", "2022-03-02", "True"] in rows  # never run as a formula
        assert ["Stockholm", "2", "1", "1", "4"] in rows
        assert ["Annual meeting", "2022-12-31 23:00", "Stockholm", "2", "1"] in rows
        assert ["City editor", "Stockholm", "2", "1"] in rows
        assert not any("Day before" in row or "Day after" in row for row in rows)

    @pytest.mark.parametrize("tail", ["999999/", "999999/csv/", "999999/print/", f"{2**80}/", f"{2**80}/csv/"])
    def test_unknown_periods_are_not_found(self, secretariat_client, stockholm_term, tail):
        assert secretariat_client.get(f"/admin/hosting-report/{tail}").status_code == 404

    @pytest.mark.parametrize("tail", ["abc/", "-1/", "1.5/csv/", "%00/", "1/../../"])
    def test_garbage_ids_are_not_found(self, secretariat_client, stockholm_term, tail):
        assert secretariat_client.get(f"/admin/hosting-report/{tail}").status_code == 404
