"""Serializers for the API fields of the page models (see ``api_fields`` on each model).

Kept apart from ``portal.api`` because the models import these at class
definition, before the app registry is ready for the endpoints. A related page
is named only when the public may read it: the API is the same for everyone
(see ``portal.api``), so a public event never reveals a members-only host city.
"""

from django.contrib.auth.models import AnonymousUser
from rest_framework.fields import Field


def _public(queryset):
    from portal.access import visible_pages

    return visible_pages(queryset, AnonymousUser())


def _page_summary(page) -> dict:
    return {"id": page.pk, "title": page.title, "slug": page.slug}


class ThemesField(Field):
    """The item's themes as ``[{"slug", "name"}]``."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [{"slug": theme.slug, "name": theme.name} for theme in value.all()]


class PublicPageField(Field):
    """A related page as ``{"id", "title", "slug"}``, or null unless it is public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        from wagtail.models import Page

        page = _public(Page.objects.filter(pk=value.pk)).first()
        return _page_summary(page) if page else None


class PublicPagesField(Field):
    """Related pages (many to many), only the public ones."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [_page_summary(page) for page in _public(value.all()).order_by("title")]
