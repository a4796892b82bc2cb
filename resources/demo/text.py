"""Shorthand for writing demo content: rich text and StreamField blocks as plain data.

Rich text comes out as the HTML Wagtail stores; blocks come out in the raw
JSON form a StreamField accepts (``{"type": ..., "value": ...}``), matching
``resources.blocks.BaseStreamBlock`` and ``AgendaStreamBlock``.
"""

from django.utils.html import escape


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": p(*paragraphs)}


def bullets(intro: str, *items: str) -> dict:
    return {"type": "paragraph", "value": p(intro) + ul(*items)}


def quote(text: str, attribution: str = "") -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def callout(title: str, *paragraphs: str) -> dict:
    return {"type": "callout", "value": {"title": title, "text": p(*paragraphs)}}


def agenda_heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def item(time: str, title: str, speakers: str = "", description: str = "") -> dict:
    """One agenda item; ``time`` as "HH:MM", local to the venue."""
    return {
        "type": "item",
        "value": {
            "time": f"{time}:00" if time else None,
            "title": title,
            "speakers": speakers,
            "description": description,
        },
    }
