"""Serializers for the API fields of the page models (see ``api_fields`` on each model).

Kept apart from ``portal.api`` because the models import these at class
definition, before the app registry is ready for the endpoints. A related page
is named only when the public may read it: the API is the same for everyone
(see ``portal.api``), so a public event never reveals a members-only host city.
"""

from rest_framework.fields import Field

from portal.access import is_public


def _page_summary(page) -> dict:
    return {"id": page.pk, "title": page.title, "slug": page.slug}


class ThemesField(Field):
    """The item's themes as ``[{"slug", "name"}]``."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [{"slug": theme.slug, "name": theme.name} for theme in value.all()]


class PublicPageMixin:
    def is_public(self, page) -> bool:
        """Live and unrestricted; the restrictions are read once per request (kept on its user)."""
        request = self.context.get("request")
        return page.live and is_public(page, getattr(request, "user", None))


class PublicPageField(PublicPageMixin, Field):
    """A related page as ``{"id", "title", "slug"}``, or null unless it is public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return _page_summary(value) if self.is_public(value) else None


class PublicPagesField(PublicPageMixin, Field):
    """Related pages (many to many), only the public ones."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        # Sorted here rather than with order_by(), which would skip the listing's prefetch.
        pages = sorted(value.all(), key=lambda page: page.title)
        return [_page_summary(page) for page in pages if self.is_public(page)]
