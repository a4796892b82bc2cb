"""Search-engine and link-preview metadata: canonical URL, Open Graph, schema.org JSON-LD.

JSON-LD is built as a dict here and serialised with ``<``, ``>`` and ``&``
escaped, so a title containing ``</script>`` cannot close the script element.
Only public pages get JSON-LD and a description; members-only pages are marked
``noindex`` and described by their title alone.
"""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from portal.access import is_public
from portal.json import EscapingJSONEncoder
from resources.choices import EventFormat
from resources.models import EventPage, PracticePage, ResearchPage

SCHEMA = "https://schema.org"
# As django.utils.html.json_script does, but for type="application/ld+json".
ATTENDANCE_MODES = {
    EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
    EventFormat.ONLINE: "OnlineEventAttendanceMode",
}


def page_description(page) -> str:
    return page.search_description or getattr(page, "summary", "") or ""


def _keywords(page) -> list[str]:
    return [theme.name for theme in page.themes.all()]


def practice_data(page: PracticePage, url: str) -> dict:
    city = page.get_parent()
    data = {
        "@type": "Report",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.language,
        "keywords": _keywords(page),
        "author": {"@type": "GovernmentOrganization", "name": city.title},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date()
    return data


def research_data(page: ResearchPage, url: str) -> dict:
    authors = [{"@type": "Person", "name": author.name} for author in page.authors.all()]
    data = {
        "@type": "ScholarlyArticle",
        "headline": page.title,
        "name": page.title,
        "abstract": page.abstract,
        "description": page.practitioner_summary,
        "url": url,
        "inLanguage": page.language,
        "keywords": _keywords(page),
        "author": authors,
        "datePublished": page.publication_date,
    }
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        data["sameAs"] = page.doi_url
    if page.venue:
        data["publisher"] = {"@type": "Organization", "name": page.venue}
    return data


def _event_location(page: EventPage) -> list[dict]:
    locations = []
    place = page.venue or (page.host_city.title if page.host_city else "")
    if page.format != EventFormat.ONLINE and place:
        locations.append({"@type": "Place", "name": place})
    if page.format != EventFormat.IN_PERSON and page.online_link:
        locations.append({"@type": "VirtualLocation", "url": page.online_link})
    return locations


def event_data(page: EventPage, url: str) -> dict:
    mode = ATTENDANCE_MODES.get(page.format, "MixedEventAttendanceMode")
    return {
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "startDate": localtime(page.start).isoformat(),
        "endDate": localtime(page.end).isoformat(),
        "eventAttendanceMode": f"{SCHEMA}/{mode}",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": _event_location(page),
        "organizer": {"@type": "Organization", "name": page.organiser or "CTPN secretariat"},
        "inLanguage": page.language,
    }


BUILDERS = {PracticePage: practice_data, ResearchPage: research_data, EventPage: event_data}


def structured_data(page, url: str, user=None) -> dict | None:
    """The schema.org description of a public resource page; None for anything else."""
    builder = BUILDERS.get(type(page))
    if builder is None or not is_public(page, user):
        return None
    return {"@context": SCHEMA, **builder(page, url)}


def json_ld_script(data: dict) -> SafeString:
    """``data`` in a ``<script type="application/ld+json">``, safe against ``</script>``."""
    text = json.dumps(data, cls=EscapingJSONEncoder, ensure_ascii=False)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
