"""A small iCalendar (RFC 5545) writer for events: escaping, line folding, VEVENTs.

Times are written in UTC ("Z" form), so no VTIMEZONE component is needed;
calendar apps show them in the reader's own time zone.
https://www.rfc-editor.org/rfc/rfc5545
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

CRLF = "\r\n"
MAX_OCTETS = 75  # per line, excluding the CRLF (RFC 5545 3.1)
PRODID = "-//CTPN//Knowledge Exchange//EN"


@dataclass(frozen=True)
class VEvent:
    """What one calendar entry says; text fields are plain (unescaped) strings."""

    uid: str
    stamp: datetime.datetime
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], [], 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            # Continuation lines start with one space, which counts towards their 75 octets.
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def format_utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. 20260301T080000Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _no_breaks(value: str) -> str:
    """URI and identifier values are not escaped, but must never break the line."""
    return "".join(value.split())


def event_lines(event: VEvent) -> list[str]:
    """The unfolded content lines of one VEVENT."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_no_breaks(event.uid)}",
        f"DTSTAMP:{format_utc(event.stamp)}",
        f"DTSTART:{format_utc(event.start)}",
        f"DTEND:{format_utc(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{_no_breaks(event.url)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, name: str = "") -> str:
    """A whole VCALENDAR with ``events``, folded and CRLF-terminated."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def uid_for(page) -> str:
    """Stable per event: the page id never changes, whatever its title or slug becomes."""
    return f"event-{page.pk}@ctpn-knowledge-exchange"


def location_of(page) -> str:
    """The venue; for online events the link to join; both for hybrid ones."""
    venue = page.venue.strip()
    if venue and page.online_link:
        return f"{venue} (online: {page.online_link})"
    return venue or page.online_link


def from_event_page(page, url: str) -> VEvent:
    """The VEVENT of an EventPage; ``url`` is the page's full URL."""
    return VEvent(
        uid=uid_for(page),
        stamp=page.last_published_at or timezone.now(),
        start=page.start,
        end=page.end,
        summary=page.title,
        description=page.summary,
        location=location_of(page),
        url=url,
    )
