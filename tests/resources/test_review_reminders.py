"""Review reminders: which practices are due at the period's boundary, who sees them on the
dashboard, and the monthly email to each city's editors."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from resources import reviews
from resources.models import PracticePage, PracticeReviewSettings, ReviewReminder
from tests.admin_forms import SUBMIT, edit_url, practice_form
from tests.conftest import enable_totp, make_city, make_practice

D = datetime.date
REMINDER_SUBJECT = "to review on the"


def practice(city, title, *, verified=None, published=None, **fields):
    """A live practice last verified on ``verified``, first published at ``published`` (a datetime)."""
    slug = fields.pop("slug", None) or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    page = make_practice(city, title, slug, last_verified=verified, **fields)
    PracticePage.objects.filter(pk=page.pk).update(first_published_at=published)
    page.refresh_from_db()
    return page


def due_titles(today, months=12):
    return [page.title for page in reviews.due_practices(today, months)]


def set_review_months(months):
    settings = PracticeReviewSettings.for_site(Site.objects.get(is_default_site=True))
    settings.review_months = months
    settings.save()


def reminders():
    return [message for message in mail.outbox if REMINDER_SUBJECT in message.subject]


def reminded(email):
    return [message for message in reminders() if message.to == [email]]


class TestMonthArithmetic:
    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            (D(2026, 3, 31), -1, D(2026, 2, 28)),
            (D(2024, 3, 31), -1, D(2024, 2, 29)),
            (D(2026, 3, 31), 1, D(2026, 4, 30)),
            (D(2026, 1, 31), 1, D(2026, 2, 28)),
            (D(2024, 2, 29), 12, D(2025, 2, 28)),
            (D(2024, 2, 29), 48, D(2028, 2, 29)),
            (D(2025, 2, 28), -12, D(2024, 2, 28)),
            (D(2025, 11, 15), 3, D(2026, 2, 15)),
            (D(2026, 1, 15), -13, D(2024, 12, 15)),
        ],
    )
    def test_calendar_months_end_on_the_last_day_of_a_shorter_month(self, day, months, expected):
        assert reviews.add_months(day, months) == expected

    @pytest.mark.parametrize("months", [1, 12, 13, 24])
    def test_selection_date_agrees_with_each_practices_review_date_every_day_of_two_years(self, months):
        """A date is selected on ``today`` exactly when its review date has come."""
        for today in (D(2024, 1, 1) + datetime.timedelta(days=n) for n in range(731)):
            cutoff = reviews.latest_due_date(today, months)
            for offset in range(-5, 6):
                counted_from = cutoff + datetime.timedelta(days=offset)
                assert (counted_from <= cutoff) == (reviews.add_months(counted_from, months) <= today), (
                    today,
                    counted_from,
                )


class TestSelectionAtTheBoundary:
    def test_twelve_months_ago_today_is_due_the_day_after_is_not(self, stockholm):
        practice(stockholm, "A day over", verified=D(2025, 6, 9))
        practice(stockholm, "Exactly twelve months", verified=D(2025, 6, 10))
        practice(stockholm, "A day short", verified=D(2025, 6, 11))
        assert due_titles(D(2026, 6, 9)) == ["A day over"]
        assert due_titles(D(2026, 6, 10)) == ["A day over", "Exactly twelve months"]
        assert due_titles(D(2026, 6, 11)) == ["A day over", "Exactly twelve months", "A day short"]

    def test_31_march_with_a_one_month_period_is_due_on_30_april(self, stockholm):
        practice(stockholm, "29 March", verified=D(2026, 3, 29))
        practice(stockholm, "30 March", verified=D(2026, 3, 30))
        practice(stockholm, "31 March", verified=D(2026, 3, 31))
        practice(stockholm, "1 April", verified=D(2026, 4, 1))
        assert due_titles(D(2026, 4, 28), months=1) == []
        assert due_titles(D(2026, 4, 29), months=1) == ["29 March"]
        assert due_titles(D(2026, 4, 30), months=1) == ["29 March", "30 March", "31 March"]
        assert due_titles(D(2026, 5, 1), months=1) == ["29 March", "30 March", "31 March", "1 April"]

    def test_29_february_is_due_on_28_february_the_next_year(self, stockholm):
        practice(stockholm, "28 February", verified=D(2024, 2, 28))
        practice(stockholm, "29 February", verified=D(2024, 2, 29))
        practice(stockholm, "1 March", verified=D(2024, 3, 1))
        assert due_titles(D(2025, 2, 27)) == []
        assert due_titles(D(2025, 2, 28)) == ["28 February", "29 February"]
        assert due_titles(D(2025, 3, 1)) == ["28 February", "29 February", "1 March"]

    def test_31_january_with_a_one_month_period_is_due_at_the_end_of_february(self, stockholm):
        practice(stockholm, "31 January", verified=D(2026, 1, 31))
        assert due_titles(D(2026, 2, 27), months=1) == []
        assert due_titles(D(2026, 2, 28), months=1) == ["31 January"]

    def test_never_verified_counts_from_first_publication_in_the_citys_time_zone(self, stockholm):
        # 23:30 UTC on 9 June is 01:30 on 10 June in Stockholm: published on the 10th.
        published = datetime.datetime(2025, 6, 9, 23, 30, tzinfo=datetime.UTC)
        practice(stockholm, "Never verified", published=published)
        assert due_titles(D(2026, 6, 9)) == []
        assert due_titles(D(2026, 6, 10)) == ["Never verified"]

    def test_a_verification_date_counts_rather_than_an_older_publication(self, stockholm):
        published = timezone.make_aware(datetime.datetime(2020, 1, 1, 12))
        practice(stockholm, "Verified since", verified=D(2026, 1, 10), published=published)
        assert due_titles(D(2026, 6, 10)) == []
        assert due_titles(D(2027, 1, 10)) == ["Verified since"]

    def test_a_practice_with_no_date_at_all_is_due_and_listed_first(self, stockholm):
        practice(stockholm, "Verified long ago", verified=D(2019, 5, 1))
        practice(stockholm, "No date")
        assert due_titles(D(2026, 6, 10)) == ["No date", "Verified long ago"]

    def test_drafts_are_not_reviewed(self, stockholm):
        practice(stockholm, "Draft", verified=D(2019, 5, 1), live=False)
        assert due_titles(D(2026, 6, 10)) == []

    def test_a_verification_waiting_for_approval_does_not_count_yet(self, stockholm):
        page = practice(stockholm, "Being verified", verified=D(2019, 5, 1))
        page.last_verified = D(2026, 6, 10)
        page.save_revision()
        assert due_titles(D(2026, 6, 10)) == ["Being verified"]

    def test_the_secretariats_period_applies(self, stockholm):
        practice(stockholm, "Eight months", verified=D(2025, 10, 10))
        assert reviews.review_months() == 12
        assert due_titles(D(2026, 6, 10), months=None) == []
        set_review_months(6)
        assert reviews.review_months() == 6
        assert due_titles(D(2026, 6, 10), months=None) == ["Eight months"]

    def test_a_city_that_has_left_is_not_asked(self, stockholm, site_tree):
        gone = make_city(site_tree["cities"], "Gone", "gone", left=D(2024, 1, 1))
        practice(gone, "Left behind", verified=D(2019, 5, 1))
        practice(stockholm, "Still here", verified=D(2019, 5, 1))
        cities = reviews.due_by_city(D(2026, 6, 10), 12)
        assert [(reviews_.city.title, len(reviews_)) for reviews_ in cities] == [("Stockholm", 1)]


# -- The dashboard ---------------------------------------------------------------


@pytest.fixture
def due_in_both_cities(stockholm, barcelona):
    today = timezone.localdate()
    return {
        "stockholm_old": practice(stockholm, "Stockholm venue exercise", verified=reviews.add_months(today, -36)),
        "stockholm_older": practice(stockholm, "Stockholm school drills", verified=reviews.add_months(today, -48)),
        "stockholm_fresh": practice(stockholm, "Stockholm fresh report", verified=today),
        "barcelona_old": practice(barcelona, "Barcelona street barriers", verified=reviews.add_months(today, -24)),
    }


def panel(client):
    """The review panel's HTML on the dashboard, or "" if it is not there."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('id="practice-reviews')
    if start == -1:
        return ""
    end = html.find("</section>", start)
    return html[start:end]


class TestDashboardPanel:
    def test_a_city_editor_sees_their_citys_due_practices_most_overdue_first(
        self, client, stockholm_editor, due_in_both_cities
    ):
        client.force_login(stockholm_editor)
        html = panel(client)
        assert "Practices due for review (2)" in html
        assert html.index("Stockholm school drills") < html.index("Stockholm venue exercise")
        assert edit_url(due_in_both_cities["stockholm_older"]) in html
        assert "Stockholm fresh report" not in html
        assert "Barcelona" not in html

    def test_the_other_citys_editor_sees_only_theirs(self, client, barcelona_editor, due_in_both_cities):
        client.force_login(barcelona_editor)
        html = panel(client)
        assert "Practices due for review (1)" in html
        assert "Barcelona street barriers" in html
        assert "Stockholm" not in html

    def test_a_coordinator_sees_their_city(self, coordinator_client, due_in_both_cities):
        html = panel(coordinator_client)
        assert "Stockholm school drills" in html
        assert "Barcelona" not in html

    def test_the_secretariat_sees_every_city_with_counts(self, secretariat_client, due_in_both_cities):
        html = panel(secretariat_client)
        assert "Practices due for review (3)" in html
        assert html.index("Barcelona street barriers") < html.index("Stockholm school drills")
        assert re.search(r"Barcelona\s*<span[^>]*>1 due</span>", html)
        assert re.search(r"Stockholm\s*<span[^>]*>2 due</span>", html)

    def test_an_invited_expert_in_the_admin_sees_no_panel(self, client, expert, due_in_both_cities):
        enable_totp(expert)
        client.force_login(expert)
        assert panel(client) == ""

    def test_nothing_due_shows_no_panel(self, client, stockholm_editor, stockholm):
        practice(stockholm, "Just verified", verified=timezone.localdate())
        client.force_login(stockholm_editor)
        assert panel(client) == ""

    @pytest.mark.parametrize("who", ["anonymous", "member", "outsider"])
    def test_people_without_admin_access_never_reach_the_dashboard(self, client, who, request, due_in_both_cities):
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 302
        assert "/admin/" not in response["Location"].split("?")[0]
        assert b"Stockholm school drills" not in response.content

    def test_a_long_list_is_cut_with_a_link_to_the_rest(self, secretariat_client, stockholm):
        for n in range(12):
            practice(stockholm, f"Old practice {n:02d}", verified=D(2019, 1, 1 + n))
        html = panel(secretariat_client)
        assert "Practices due for review (12)" in html
        assert "Old practice 09" in html
        assert "Old practice 10" not in html
        assert "2 more in Stockholm" in html
        assert reverse("wagtailadmin_explore", args=[stockholm.pk]) in html

    def test_the_panel_costs_the_same_queries_for_two_practices_or_twelve(self, secretariat_client, stockholm):
        def dashboard_queries():
            with CaptureQueriesContext(connection) as queries:
                assert "Practices due for review" in panel(secretariat_client)
            return len(queries)

        for n in range(2):
            practice(stockholm, f"Old practice {n:02d}", verified=D(2019, 1, 1 + n))
        dashboard_queries()  # a first visit after pages change also fills the caches
        few = dashboard_queries()
        for n in range(2, 12):
            practice(stockholm, f"Old practice {n:02d}", verified=D(2019, 1, 1 + n))
        dashboard_queries()
        assert dashboard_queries() == few

    def test_verified_and_approved_leaves_the_list(self, client, stockholm_editor, secretariat, stockholm):
        page = practice(stockholm, "Table-top exercise", verified=D(2019, 5, 1), slug="table-top-exercise")
        client.force_login(stockholm_editor)
        today = timezone.localdate().isoformat()
        data = practice_form(publish=False, title=page.title, slug=page.slug, last_verified=today)
        response = client.post(edit_url(page), data | SUBMIT)
        assert response.status_code == 302
        html = panel(client)
        assert "Table-top exercise" in html
        assert "Draft changes not yet published" in html
        client.force_login(secretariat)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {})
        assert panel(client) == ""
        client.force_login(stockholm_editor)
        assert panel(client) == ""


class TestReviewPeriodSetting:
    def url(self):
        site = Site.objects.get(is_default_site=True)
        return reverse("wagtailsettings:edit", args=["resources", "practicereviewsettings", site.pk])

    def test_the_secretariat_changes_the_period(self, secretariat_client, site_tree):
        response = secretariat_client.post(self.url(), {"review_months": "18"})
        assert response.status_code == 302
        assert reviews.review_months() == 18

    @pytest.mark.parametrize("value", ["0", "-3", "121", "99999999999999999999", "twelve", "", "12.5", "1e3"])
    def test_nonsense_is_refused_with_a_form_error(self, secretariat_client, site_tree, value):
        response = secretariat_client.post(self.url(), {"review_months": value})
        assert response.status_code == 200
        assert "The setting could not be saved due to errors." in response.content.decode()
        assert reviews.review_months() == 12

    def test_a_city_editor_cannot_change_it(self, client, stockholm_editor):
        client.force_login(stockholm_editor)
        response = client.post(self.url(), {"review_months": "120"})
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert reviews.review_months() == 12


# -- The monthly email -------------------------------------------------------------


class TestMonthlyEmail:
    def test_each_citys_editors_get_only_their_citys_practices(
        self, stockholm_editor, stockholm_coordinator, barcelona_editor, secretariat, member, due_in_both_cities
    ):
        call_command("send_review_reminders", stdout=io.StringIO())
        stockholm_mail = reminded(stockholm_editor.email)
        assert len(stockholm_mail) == 1
        body = stockholm_mail[0].body
        assert stockholm_mail[0].subject.startswith("Stockholm: 2 practices to review")
        assert body.index("Stockholm school drills") < body.index("Stockholm venue exercise")
        assert edit_url(due_in_both_cities["stockholm_older"]) in body
        assert "Stockholm fresh report" not in body
        assert "Barcelona" not in body
        assert [m.body for m in reminded(stockholm_coordinator.email)] == [body]
        barcelona_mail = reminded(barcelona_editor.email)
        assert len(barcelona_mail) == 1
        assert "Barcelona street barriers" in barcelona_mail[0].body
        assert "Stockholm" not in barcelona_mail[0].body
        assert reminded(secretariat.email) == reminded(member.email) == []
        assert len(reminders()) == 3

    def test_running_twice_in_a_month_sends_once_and_next_month_again(self, stockholm_editor, stockholm):
        practice(stockholm, "Old report", verified=D(2019, 5, 1))
        first = reviews.send_monthly_reminders(D(2026, 6, 1))
        assert [r.outcome for r in first] == [reviews.Outcome.SENT]
        again = reviews.send_monthly_reminders(D(2026, 6, 30))
        assert [r.outcome for r in again] == [reviews.Outcome.ALREADY_SENT]
        assert len(reminded(stockholm_editor.email)) == 1
        reviews.send_monthly_reminders(D(2026, 7, 1))
        assert len(reminded(stockholm_editor.email)) == 2
        assert ReviewReminder.objects.filter(city=stockholm).count() == 2

    def test_nothing_due_sends_nothing_and_a_later_run_that_month_still_can(self, stockholm_editor, stockholm):
        practice(stockholm, "Verified in May", verified=D(2025, 6, 15))
        assert [r.outcome for r in reviews.send_monthly_reminders(D(2026, 6, 1))] == [reviews.Outcome.NOTHING_DUE]
        assert reminders() == []
        assert not ReviewReminder.objects.exists()
        reviews.send_monthly_reminders(D(2026, 6, 15))
        assert len(reminded(stockholm_editor.email)) == 1

    def test_inactive_editors_get_nothing(self, stockholm_editor, stockholm):
        practice(stockholm, "Old report", verified=D(2019, 5, 1))
        stockholm_editor.is_active = False
        stockholm_editor.save()
        results = reviews.send_monthly_reminders(D(2026, 6, 1))
        assert [r.outcome for r in results] == [reviews.Outcome.NOBODY_TO_TELL]
        assert reminders() == []

    def test_dry_run_sends_and_records_nothing(self, stockholm_editor, stockholm, capsys):
        practice(stockholm, "Old report", verified=D(2019, 5, 1))
        call_command("send_review_reminders", "--dry-run")
        output = capsys.readouterr().out
        assert "Dry run" in output
        assert "Stockholm: 1 practice due, would email 1 person." in output
        assert reminders() == []
        assert not ReviewReminder.objects.exists()

    def test_the_command_says_what_it_did(self, stockholm_editor, stockholm, barcelona, capsys):
        practice(stockholm, "Old report", verified=D(2019, 5, 1))
        call_command("send_review_reminders")
        call_command("send_review_reminders")
        output = capsys.readouterr().out
        assert "Barcelona: nothing due." in output
        assert "Stockholm: 1 practice due, emailed 1 person." in output
        assert "Stockholm: 1 practice due, already reminded this month." in output
        assert len(reminders()) == 1

    def test_a_mail_server_failure_is_reported_and_retried_next_run(self, settings, stockholm_editor, stockholm):
        practice(stockholm, "Old report", verified=D(2019, 5, 1))
        # Nothing listens on port 1: the connection is refused, as with a mail server that is down.
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 5
        with pytest.raises(CommandError, match="Sending failed for Stockholm"):
            call_command("send_review_reminders", stdout=io.StringIO())
        assert not ReviewReminder.objects.exists()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        call_command("send_review_reminders", stdout=io.StringIO())
        assert len(reminded(stockholm_editor.email)) == 1
