"""Template helpers of the search page and the related-resources block."""

import html

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from resources.choices import Language

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of a language code ("sv" -> "Swedish"); a code the portal does not know, as it is."""
    return Language(code).label if code in Language.values else code


@register.simple_tag
def lang_attribute(code: str) -> str:
    """` lang="sv"` for text in another language than the page's ("en-gb" is English too), else nothing."""
    page_language = (get_language() or "en").split("-")[0].lower()
    if not code or code.split("-")[0].lower() == page_language:
        return ""
    return format_html(' lang="{}"', code)


# The facet options are the page's longest repeated markup (50 to 160 of them): built here
# rather than in a template loop, which took as long as the rest of the page together.
FACET_OPTION = (
    '<li class="field--checkbox facet__value">'
    '<input type="checkbox" id="facet-{name}-{number}" name="{name}" value="{value}"{checked}>'
    '<label for="facet-{name}-{number}">{label} <span class="facet__count">{count}'
    '<span class="visually-hidden"> {results}</span></span></label>'
    "</li>"
)


@register.simple_tag
def facet_options(facet) -> str:
    """The checkboxes of one facet (search.service.Facet), each with its label and count.

    Every text is escaped as the template escaped it: ``html.escape`` is what Django's
    ``escape`` runs (format_html's check of each argument for lazy strings cost more than
    the rest of the markup). "result"/"results" is the template's translated plural,
    looked up once per count.
    """
    name = html.escape(str(facet.name))
    words = {}
    options = []
    for number, option in enumerate(facet.values, start=1):
        count = int(option.count)
        if count not in words:
            words[count] = html.escape(ngettext("result", "results", count))
        options.append(
            FACET_OPTION.format(
                name=name,
                number=number,
                value=html.escape(str(option.value)),
                checked=" checked" if option.selected else "",
                label=html.escape(str(option.label)),
                count=count,
                results=words[count],
            )
        )
    return mark_safe("\n".join(options))  # noqa: S308 - every text in it escaped above


# One search result, ten or more per page: built here rather than by an include per hit,
# which cost about as much as the rest of the page. Only the snippet is marked safe
# (escaped text with <mark> around the matched words, built by search.backends).
HIT = (
    '<article class="card card--{type} search-hit">\n'
    '<p class="card__kind"><span class="card__type">{type_label}</span>{badge}</p>\n'
    '<h3 class="card__title"{lang}><a href="{url}">{title}</a></h3>\n'
    '<ul class="card__meta">{meta}</ul>\n'
    "{snippet}"
    "</article>"
)


@register.simple_tag
def search_hit(hit) -> str:
    """One result (search.service.Hit): its kind, title, cities, date, language and snippet.

    Text in another language than the page's carries its lang attribute, so screen
    readers pronounce it right.
    """
    lang = lang_attribute(hit.language)
    meta = []
    if hit.cities:
        meta.append(format_html("<li>{}</li>", ", ".join(hit.cities)))
    if hit.date:
        meta.append(
            format_html(
                '<li><time datetime="{}">{}</time></li>', date_format(hit.date, "Y-m-d"), date_format(hit.date, "j F Y")
            )
        )
    if hit.language:
        meta.append(format_html("<li>{}</li>", language_name(hit.language)))
    badge = format_html(' <span class="badge badge--members">{}</span>', _("Members only")) if hit.members_only else ""
    snippet = format_html('<p class="card__summary search-hit__snippet"{}>{}</p>\n', lang, hit.snippet)
    return format_html(
        HIT,
        type=hit.type,
        type_label=hit.type_label,
        badge=badge,
        lang=lang,
        url=hit.url,
        title=hit.title,
        meta=mark_safe("".join(meta)),  # noqa: S308 - each item built by format_html
        snippet=snippet if hit.snippet else "",
    )
