"""Sending goes wrong: a refused address, an index still catching up, odd content in the email."""

import pytest
from django.core.management.base import CommandError
from django.utils import timezone

from alerts.models import SavedSearch
from tests.alerts.conftest import HOUR, emails_to, listed, published, run_alerts, saved_search
from tests.conftest import restrict_to_members
from tests.search.worker import run_worker


def test_a_refused_email_is_sent_on_the_next_run_and_the_others_once(
    settings, index, member, expert, secretariat, stockholm
):
    for user in (member, expert, secretariat):
        saved_search(user, "q=harbour")
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()
    settings.EMAIL_BACKEND = "tests.alerts.mail.RefusingBackend"
    settings.TEST_REFUSED_RECIPIENTS = [expert.email]

    with pytest.raises(CommandError, match="1 alert emails could not be sent"):
        run_alerts()

    from django.core import mail

    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, secretariat.email])
    assert SavedSearch.objects.get(user=expert).last_sent_at is None

    settings.TEST_REFUSED_RECIPIENTS = []
    sent = run_alerts()
    assert [message.to for message in sent] == [[expert.email]]
    assert listed(sent[0]) == ["Harbour drill"]
    assert run_alerts() == []


def test_a_page_waiting_for_its_elasticsearch_update_is_sent_once_it_can_be_found(elasticsearch, member, stockholm):
    saved = saved_search(member, "q=harbour")
    run_worker()
    page = published(stockholm, "Harbour drill", 2 * HOUR)  # its update is queued, not yet run

    assert run_alerts() == []
    saved.refresh_from_db()
    assert saved.covered_until < page.first_published_at  # the window stopped before it

    run_worker()
    (email,) = run_alerts()
    assert listed(email) == ["Harbour drill"]
    assert run_alerts() == []


def test_the_email_escapes_titles_marks_members_only_items_and_offers_one_click_unsubscribe(index, member, stockholm):
    saved_search(member, "q=harbour", name="Harbour\r\nBcc: victim@example.org")
    published(stockholm, "Harbour <script>alert(1)</script> plan", 2 * HOUR)
    restrict_to_members(published(stockholm, "Harbour members plan", 2 * HOUR))
    index.sync()

    (email,) = run_alerts()

    html = email.alternatives[0][0]
    assert email.alternatives[0][1] == "text/html"
    assert "<script>" not in html
    assert "Harbour &lt;script&gt;alert(1)&lt;/script&gt; plan" in html
    assert "Members only: please do not forward" in email.body
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.to == [member.email] and not email.bcc
    message = email.message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://testserver/accounts/saved-searches/unsubscribe/")
    assert "http://testserver/accounts/saved-searches/" in email.body


def test_the_command_says_what_it_did(index, member, expert, stockholm, capsys):
    saved_search(member, "q=harbour")
    saved_search(expert, "q=lighthouse")
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()
    from django.core.management import call_command

    call_command("send_search_alerts")

    assert capsys.readouterr().out.strip() == "Saved searches: 1 nothing new, 1 sent."
    assert len(emails_to(run_alerts(), member)) == 0
    assert SavedSearch.objects.filter(covered_until__lt=timezone.now() - HOUR).count() == 0
