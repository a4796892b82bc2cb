"""Contributions with review: experts and city editors submit, the secretariat approves
or asks for changes, everyone concerned hears by email, and nothing goes live unreviewed."""

import pytest
from django.conf import settings
from django.core import mail
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission
from wagtail.permissions import policy_registry

from home.site_structure import ensure_site_structure
from members.choices import Role
from members.roles import EXPERTS_GROUP, grant_role
from resources.models import PracticePage, ResearchPage
from resources.permissions import RESEARCH_COLLECTION
from tests.admin_forms import (
    SUBMIT,
    add_url,
    assert_permission_denied,
    edit_url,
    practice_form,
    research_form,
    workflow_action_url,
)
from tests.conftest import PASSWORD, enable_totp

TITLE = "Local prevention networks in Europe"


@pytest.fixture
def research_index(site_tree):
    return site_tree["research"]


@pytest.fixture
def expert_client(client, expert):
    """The expert in the admin (admin users have an authenticator app)."""
    enable_totp(expert)
    client.force_login(expert)
    return client


@pytest.fixture
def other_expert(django_user_model):
    user = django_user_model.objects.create_user(
        username="other@example.org", email="other@example.org", password=PASSWORD
    )
    grant_role(user, Role.INVITED_EXPERT)
    enable_totp(user)
    return user


def submit_research(client, index, **overrides) -> ResearchPage:
    """Draft a research page in the admin and press "Submit to Secretariat review"."""
    response = client.post(add_url(ResearchPage, index), research_form(publish=False, **overrides) | SUBMIT)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ResearchPage.objects.get(slug=overrides.get("slug", "local-prevention-networks"))


def review(client, reviewer, page, action: str, comment: str = ""):
    """The reviewer approves ("approve") or requests changes ("reject") in the admin."""
    client.force_login(reviewer)
    page.refresh_from_db()
    response = client.post(workflow_action_url(page, action), {"comment": comment})
    page.refresh_from_db()
    return response


def sent_to(email: str):
    return [message for message in mail.outbox if message.to == [email]]


class TestExpertSubmits:
    def test_draft_waits_for_review_and_the_secretariat_hears_of_it(
        self, expert_client, research_index, secretariat, client
    ):
        page = submit_research(expert_client, research_index)
        assert not page.live
        assert page.workflow_in_progress
        assert page.get_workflow().name == "Secretariat review"
        assert page.owner.email == "expert@example.org"
        [notice] = mail.outbox
        assert notice.to == [secretariat.email]
        assert notice.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
        assert TITLE in notice.subject
        assert f"http://testserver/admin/pages/{page.pk}/" in notice.body
        client.logout()
        assert client.get(page.url).status_code == 404

    def test_approved_research_goes_live_and_the_expert_hears_of_it(
        self, expert_client, research_index, secretariat, expert
    ):
        page = submit_research(expert_client, research_index)
        mail.outbox.clear()
        assert review(expert_client, secretariat, page, "approve").status_code == 302
        assert page.live
        assert not page.has_unpublished_changes
        [notice] = sent_to(expert.email)
        assert "approved" in notice.subject
        expert_client.logout()
        response = expert_client.get(page.url)
        assert response.status_code == 200
        assert TITLE in response.content.decode()

    def test_changes_requested_stay_unpublished_and_the_expert_reads_the_comment(
        self, expert_client, research_index, secretariat, expert, client
    ):
        page = submit_research(expert_client, research_index)
        mail.outbox.clear()
        review(expert_client, secretariat, page, "reject", comment="Please add the sample size.")
        assert not page.live
        assert page.current_workflow_state.status == "needs_changes"
        [notice] = sent_to(expert.email)
        assert "Please add the sample size." in notice.body
        client.logout()
        assert client.get(page.url).status_code == 404

    def test_revised_research_is_resubmitted_and_approved(self, client, expert, research_index, secretariat):
        enable_totp(expert)
        client.force_login(expert)
        page = submit_research(client, research_index)
        review(client, secretariat, page, "reject", comment="Please add the sample size.")
        client.force_login(expert)
        mail.outbox.clear()
        data = research_form(publish=False, method="36 interviews") | {"action-restart-workflow": "1"}
        assert client.post(edit_url(page), data).status_code == 302
        assert [m.to for m in mail.outbox] == [[secretariat.email]]
        review(client, secretariat, page, "approve")
        assert page.live
        assert page.method == "36 interviews"


class TestExpertCannotPublish:
    def test_publish_button_on_a_new_page_saves_a_draft(self, expert_client, research_index):
        expert_client.post(add_url(ResearchPage, research_index), research_form(publish=True))
        page = ResearchPage.objects.get(slug="local-prevention-networks")
        assert not page.live
        assert not page.workflow_in_progress
        assert not mail.outbox

    def test_publish_button_on_their_approved_page_does_not_publish_the_change(
        self, expert_client, research_index, secretariat, expert
    ):
        page = submit_research(expert_client, research_index)
        review(expert_client, secretariat, page, "approve")
        expert_client.force_login(expert)
        expert_client.post(edit_url(page), research_form(publish=True, abstract="Rewritten without review."))
        page.refresh_from_db()
        assert page.abstract != "Rewritten without review."
        assert page.has_unpublished_changes
        assert not page.permissions_for_user(expert).can_publish()

    def test_expert_cannot_approve_their_own_submission(self, expert_client, research_index, expert):
        page = submit_research(expert_client, research_index)
        review(expert_client, expert, page, "approve")
        assert not page.live


class TestExpertsOwnPagesOnly:
    def test_another_experts_draft_cannot_be_opened_or_changed(
        self, client, expert_client, research_index, other_expert
    ):
        client_b = client.__class__()
        client_b.force_login(other_expert)
        page = submit_research(client_b, research_index)
        assert_permission_denied(expert_client.get(edit_url(page)))
        response = expert_client.post(edit_url(page), research_form(publish=False, abstract="Not mine to change."))
        assert_permission_denied(response)
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().abstract != "Not mine to change."

    def test_expert_edits_their_own_draft(self, expert_client, research_index):
        page = submit_research(expert_client, research_index)
        assert expert_client.get(edit_url(page)).status_code == 200

    def test_expert_adds_only_research(self, expert_client, site_tree, stockholm):
        assert_permission_denied(expert_client.get(add_url(PracticePage, stockholm)))
        assert expert_client.get("/admin/").status_code == 200

    def test_files_go_to_the_research_collection(self, expert, research_index):
        policy = policy_registry.get_by_type(get_document_model())
        collections = policy.collections_user_has_permission_for(expert, "add")
        assert {c.name for c in collections} == {RESEARCH_COLLECTION, "Members only"}
        assert all(c.get_parent().name == RESEARCH_COLLECTION for c in collections if c.name == "Members only")


class TestCityEditorSubmits:
    def test_practice_goes_live_once_the_secretariat_approves(self, client, stockholm_editor, stockholm, secretariat):
        client.force_login(stockholm_editor)
        client.post(add_url(PracticePage, stockholm), practice_form(publish=False) | SUBMIT)
        practice = PracticePage.objects.child_of(stockholm).get()
        assert not practice.live
        assert [m.to for m in mail.outbox] == [[secretariat.email]]
        mail.outbox.clear()
        review(client, secretariat, practice, "approve")
        assert practice.live
        assert [m.to for m in mail.outbox] == [[stockholm_editor.email]]

    def test_only_the_secretariat_approves(
        self, client, stockholm_editor, stockholm_coordinator, barcelona_editor, stockholm
    ):
        client.force_login(stockholm_editor)
        client.post(add_url(PracticePage, stockholm), practice_form(publish=False) | SUBMIT)
        practice = PracticePage.objects.child_of(stockholm).get()
        for person in (stockholm_editor, stockholm_coordinator, barcelona_editor):
            review(client, person, practice, "approve")
            assert not practice.live, person.email

    def test_barcelona_editor_cannot_touch_a_stockholm_practice_in_review(
        self, client, stockholm_editor, barcelona_editor, stockholm
    ):
        client.force_login(stockholm_editor)
        client.post(add_url(PracticePage, stockholm), practice_form(publish=False) | SUBMIT)
        practice = PracticePage.objects.child_of(stockholm).get()
        client.force_login(barcelona_editor)
        assert_permission_denied(client.get(edit_url(practice)))
        data = practice_form(publish=False, summary="Defaced by Barcelona.") | SUBMIT
        assert_permission_denied(client.post(edit_url(practice), data))
        assert practice.get_latest_revision_as_object().summary != "Defaced by Barcelona."


class TestExpertPermissionsSetUp:
    def test_an_existing_site_gets_them_from_ensure_site(self, research_index):
        GroupPagePermission.objects.filter(group__name=EXPERTS_GROUP).delete()
        ensure_site_structure()
        ensure_site_structure()
        permissions = GroupPagePermission.objects.filter(group__name=EXPERTS_GROUP)
        assert [(p.page_id, p.permission.codename) for p in permissions] == [(research_index.pk, "add_page")]
