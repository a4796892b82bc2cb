"""What the browser tests read: one city with a public practice (with a real PDF),
a members-only practice, research and an event open for registration; and signing
in the way a person does, through the login form."""

from dataclasses import dataclass

from django.urls import reverse

from resources.demo.pdf import render_pdf
from resources.models.practices import PracticeAttachment
from tests.conftest import PASSWORD, make_practice, restrict_to_members, totp_code
from tests.factories import EventPageFactory, ResearchPageFactory, make_document

PDF_NAME = "flood-drill-checklist.pdf"


@dataclass
class Content:
    city: object
    practice: object
    private_practice: object
    research: object
    event: object

    @property
    def month(self) -> str:
        """The calendar month the event is in (?month=YYYY-MM)."""
        return self.event.start.strftime("%Y-%m")


def main_pages(content: Content, site_tree) -> list[str]:
    """The public pages of every kind, a search, sign-in and a page that does not exist."""
    return [
        "/",
        content.city.url,
        content.practice.url,
        content.research.url,
        content.event.url,
        site_tree["cities"].url,
        site_tree["research"].url,
        site_tree["events"].url,
        reverse("practice_list"),
        f"{reverse('event_calendar')}?month={content.month}",
        f"{reverse('search')}?q=resilience",
        reverse("search"),
        reverse("account_login"),
        "/no-such-page/",
    ]


def build_content(site_tree, city, theme) -> Content:
    """Pages for every page type; "resilience" matches a practice and the research."""
    pdf = render_pdf("Flood drill checklist", [("Before the drill", ["Check the sirens."])])
    practice = make_practice(
        city, "Flood drill for resilience", "flood-drill", summary="A city-wide drill that built resilience."
    )
    practice.themes.add(theme)
    PracticeAttachment.objects.create(page=practice, document=make_document("Flood drill checklist", PDF_NAME, pdf))
    private = make_practice(city, "Closed-door exercise notes", "closed-door", summary="For members only.")
    restrict_to_members(private)
    research = ResearchPageFactory(
        parent=site_tree["research"], title="Resilience after attacks", themes=[theme], cities=[city]
    )
    event = EventPageFactory(
        parent=site_tree["events"],
        title="Annual resilience meeting",
        registration_open=True,
        capacity=20,
        host_city=city,
    )
    return Content(city, practice, private, research, event)


def sign_in(page, email, password=PASSWORD, totp_for=None, next_url="/"):
    """Sign in through allauth's form (and the authenticator step when the account has one)."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    # Enter submits in any interface language.
    page.press("input[name=password]", "Enter")
    if totp_for:  # the user (or the secret) whose authenticator app gives the code
        page.fill("input[name=code]", totp_code(totp_for))
        page.press("input[name=code]", "Enter")
    page.wait_for_url(f"**{next_url}")
