from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources import reviews
from resources.models import Theme

# More than this many due practices in a city: the rest are counted, not listed.
REVIEW_PANEL_ROWS = 10


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(ThemeViewSet)


class PracticeReviewsPanel(Component):
    """The dashboard's list of practices due for review, in the cities the user may edit."""

    name = "practice_reviews"
    template_name = "resources/admin/practice_reviews_panel.html"
    order = 150

    def __init__(self, user):
        self.months = reviews.review_months()
        self.cities = reviews.due_for_user(user, months=self.months)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = [(city, city.practices[:REVIEW_PANEL_ROWS], len(city) - REVIEW_PANEL_ROWS) for city in self.cities]
        total = sum(len(city) for city in self.cities)
        context.update(cities=rows, months=self.months, heading=f"Practices due for review ({total})")
        return context

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.cities else ""


@hooks.register("construct_homepage_panels")
def add_practice_reviews_panel(request, panels):
    panels.append(PracticeReviewsPanel(request.user))
