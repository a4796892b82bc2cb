"""POST data for the Wagtail admin page forms, built as Wagtail's own tests do.

Each builder returns the flat dict the add/edit form submits; pass overrides
for the fields a test is about. ``publish=True`` adds the Publish button.
"""

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action: str) -> str:
    """Where a reviewer posts "approve" or "reject" (request changes) for the page's current review."""
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


# Add to a form's data to press "Submit to Secretariat review" instead of "Publish".
SUBMIT = {"action-submit": "action-submit"}

PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


def assert_permission_denied(response) -> None:
    """Wagtail's admin answers a refused action by sending the user to the dashboard
    with a permission-denied message (wagtail.admin.auth.permission_denied)."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any(PERMISSION_DENIED in str(m) for m in get_messages(response.wsgi_request))


def _form(fields: dict, overrides: dict, publish: bool) -> dict:
    fields.update(overrides)
    data = nested_form_data(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def practice_form(*, publish=True, **overrides) -> dict:
    return _form(
        {
            "title": "Table-top exercise with venue operators",
            "slug": "table-top-exercise",
            "summary": "Venue operators and police rehearsed a marauding attack together.",
            "phase": "protect",
            "status": "completed",
            "start_date": "2021-03-01",
            "end_date": "2021-09-30",
            "last_verified": "",
            "language": "en",
            "evaluation": "internal",
            "target_audiences": "venue operators",
            "partners": "Police\nFire and rescue",
            "resources_budget": "",
            "objectives": rich_text("<p>Agree roles before an incident.</p>"),
            "method": rich_text("<p>Four table-top sessions.</p>"),
            "outcomes": rich_text("<p>Call lists updated.</p>"),
            "lessons_learned": rich_text("<p>Start earlier.</p>"),
            "transferability": rich_text("<p>Needs a willing venue.</p>"),
            "body": streamfield([("paragraph", rich_text("<p>The full report of the exercise.</p>"))]),
            "attachments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        },
        overrides,
        publish,
    )


def research_form(*, publish=True, authors=None, **overrides) -> dict:
    return _form(
        {
            "title": "Local prevention networks in Europe",
            "slug": "local-prevention-networks",
            "abstract": "A comparative study of local prevention networks in six cities.",
            "practitioner_summary": "Networks work when someone owns the referral pathway.",
            "publication_type": "journal-article",
            "venue": "Terrorism and Political Violence",
            "publication_date": "2022-05-01",
            "doi": "10.1080/09546553.2020.1234567",
            "method": "interviews",
            "licence": "CC BY 4.0",
            "open_access": "open",
            "language": "en",
            "authors": inline_formset(
                authors
                if authors is not None
                else [{"name": "Ana Researcher", "affiliation": "Uppsala University", "orcid": "0000-0002-1825-0097"}],
                min=1,
            ),
            "files": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        },
        overrides,
        publish,
    )


def event_form(*, publish=True, **overrides) -> dict:
    return _form(
        {
            "title": "Annual meeting 2031",
            "slug": "annual-meeting-2031",
            "summary": "The network's cities meet to share a year of practice.",
            "start": "2031-05-12 09:00",
            "end": "2031-05-13 16:00",
            "format": "in-person",
            "venue": "City Hall, Stockholm",
            "online_link": "",
            "host_city": "",
            "organiser": "CTPN secretariat",
            "language": "en",
            "description": rich_text("<p>Two days of workshops.</p>"),
            "agenda": streamfield([]),
            "outputs": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        },
        overrides,
        publish,
    )


def city_form(*, publish=True, **overrides) -> dict:
    return _form(
        {
            "title": "Rotterdam",
            "slug": "rotterdam",
            "country": "NL",
            "joined": "2018-01-01",
            "left": "",
            "regional_body": "",
            "regional_body_description": "",
            "description": rich_text("<p>The port city.</p>"),
            "contact_details": rich_text("<p>Call the duty officer.</p>"),
            "latitude": "",
            "longitude": "",
            "seo_title": "",
            "search_description": "",
        },
        overrides,
        publish,
    )


def index_form(title, slug, *, publish=True, **overrides) -> dict:
    return _form({"title": title, "slug": slug, "introduction": rich_text("<p>Introduction.</p>")}, overrides, publish)
