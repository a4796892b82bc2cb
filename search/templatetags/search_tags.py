"""Template helpers of the search page and the related-resources block."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

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
