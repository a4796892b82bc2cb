"""The alert emails as their recipients get them: exactly the new matches they may read, once.

Each test runs on the database backend and on Elasticsearch; the command is run as cron
runs it, and the emails are read from Django's outbox.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts.choices import Frequency
from alerts.models import SavedSearch
from members.choices import Role
from members.roles import revoke_role
from tests.alerts.conftest import HOUR, emails_to, listed, published, run_alerts, saved_search
from tests.conftest import restrict_to_members


def restrict_to_group(page, group: Group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    return restriction


def test_the_email_lists_exactly_the_new_matches(index, member, stockholm, barcelona):
    saved = saved_search(member, "q=harbour&city=stockholm", since=3 * HOUR)
    published(stockholm, "Harbour drill", 2 * HOUR, start_date=datetime.date(2019, 5, 1))
    published(stockholm, "Harbour patrols", 1 * HOUR, start_date=datetime.date(2023, 5, 1))
    published(stockholm, "Harbour review", 4 * HOUR)  # before the last email
    published(barcelona, "Harbour festival", 2 * HOUR)  # another city
    published(stockholm, "Lighthouse drill", 2 * HOUR)  # other words
    published(stockholm, "Harbour withdrawn", 2 * HOUR).unpublish()
    published(stockholm, "Harbour cameras", datetime.timedelta(seconds=30))  # still settling: next time
    index.sync()

    (email,) = run_alerts()

    assert email.to == [member.email]
    assert listed(email) == ["Harbour patrols", "Harbour drill"]  # newest first (by the practice's date)
    assert "2 new matches" in email.subject
    saved.refresh_from_db()
    assert saved.last_sent_at is not None
    assert timezone.now() - saved.covered_until == pytest.approx(
        datetime.timedelta(minutes=5), abs=datetime.timedelta(seconds=30)
    )


def test_running_twice_sends_once_and_then_only_what_is_new(index, member, stockholm):
    saved = saved_search(member, "q=harbour", since=3 * HOUR)
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()

    assert [listed(email) for email in run_alerts()] == [["Harbour drill"]]
    assert run_alerts() == []

    # Later, one more: the next email has that one only.
    SavedSearch.objects.filter(pk=saved.pk).update(covered_until=timezone.now() - 2 * HOUR)
    published(stockholm, "Harbour patrols", HOUR)
    index.sync()
    assert [listed(email) for email in run_alerts()] == [["Harbour patrols"]]
    assert run_alerts() == []


def test_nothing_new_sends_nothing_but_moves_on(index, member, stockholm):
    saved = saved_search(member, "q=harbour", since=3 * HOUR)
    published(stockholm, "Harbour drill", 5 * HOUR)
    index.sync()

    assert run_alerts() == []
    saved.refresh_from_db()
    assert saved.last_sent_at is None
    assert saved.covered_until > timezone.now() - HOUR


ROLES = ["member", "expert", "stockholm_editor", "barcelona_editor", "secretariat"]


def test_each_recipient_gets_only_what_they_may_read_at_send_time(request, index, stockholm, barcelona):
    people = {role: request.getfixturevalue(role) for role in ROLES}
    for user in people.values():
        saved_search(user, "q=harbour")
    published(stockholm, "Harbour open plan", 2 * HOUR)
    restrict_to_members(published(stockholm, "Harbour members plan", 2 * HOUR))
    restrict_to_group(published(stockholm, "Harbour Stockholm editors plan", 2 * HOUR), stockholm.editors_group)
    restrict_to_group(published(barcelona, "Harbour Barcelona editors plan", 2 * HOUR), barcelona.editors_group)
    # Open when published, closed to members since: not sent to those who may no longer read it.
    restrict_to_group(
        published(stockholm, "Harbour plan closed later", 2 * HOUR), Group.objects.get(name="Secretariat")
    )
    index.sync()

    sent = run_alerts()

    everyone = {"Harbour open plan", "Harbour members plan"}
    expected = {
        "member": everyone,
        "expert": everyone,
        "stockholm_editor": everyone | {"Harbour Stockholm editors plan"},
        "barcelona_editor": everyone | {"Harbour Barcelona editors plan"},
        "secretariat": everyone
        | {"Harbour Stockholm editors plan", "Harbour Barcelona editors plan", "Harbour plan closed later"},
    }
    for role, user in people.items():
        (email,) = emails_to(sent, user)
        assert set(listed(email)) == expected[role], role
        body = email.body + email.alternatives[0][0]
        for title in {
            "Harbour Stockholm editors plan",
            "Harbour Barcelona editors plan",
            "Harbour plan closed later",
        } - expected[role]:
            assert title not in body, (role, title)
    assert len(sent) == len(ROLES)


def test_people_without_network_access_get_nothing(index, member, expert, stockholm):
    lost = saved_search(member, "q=harbour")
    inactive = saved_search(expert, "q=harbour")
    revoke_role(member, Role.NETWORK_MEMBER)
    expert.is_active = False
    expert.save()
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()

    assert run_alerts() == []
    # Their windows pass unsent: access given back later brings no flood of old items.
    for saved in (lost, inactive):
        saved.refresh_from_db()
        assert saved.covered_until > timezone.now() - HOUR


def test_a_city_filter_the_recipient_may_no_longer_use_sends_nothing(index, member, stockholm, barcelona):
    """Had the unknown city been dropped, the search would list every city's new items."""
    saved_search(member, "q=harbour&city=barcelona")
    published(stockholm, "Harbour drill", 2 * HOUR)
    restrict_to_group(barcelona, Group.objects.get(name="Secretariat"))
    index.sync()

    assert run_alerts() == []


def test_weekly_searches_wait_a_week(index, member, expert, stockholm):
    saved_search(member, "q=harbour", since=6 * 24 * HOUR, frequency=Frequency.WEEKLY)
    saved_search(expert, "q=harbour", since=7 * 24 * HOUR + HOUR, frequency=Frequency.WEEKLY)
    saved_search(expert, "q=harbour&type=practice", frequency=Frequency.OFF)
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()

    sent = run_alerts()

    assert [email.to for email in sent] == [[expert.email]]
    assert listed(sent[0]) == ["Harbour drill"]
    assert run_alerts() == []


def test_a_long_list_is_cut_and_links_to_the_rest(index, settings, member, stockholm):
    settings.ALERTS_MAX_ITEMS = 5
    settings.SEARCH_MAX_PAGE_SIZE = 2  # the email's items are read over several pages of results
    saved_search(member, "q=harbour", since=10 * HOUR)
    for number in range(7):
        published(
            stockholm, f"Harbour plan {number}", (number + 1) * HOUR, start_date=datetime.date(2020 - number, 1, 1)
        )
    index.sync()

    (email,) = run_alerts()

    assert listed(email) == [f"Harbour plan {number}" for number in range(5)]
    assert "7 new matches" in email.subject
    assert "And 2 more: http://testserver/search/?q=harbour&sort=date" in email.body
