"""Network insights in the Wagtail admin: Reports > Search analytics (the secretariat only)."""

from wagtail import hooks

from insights import admin_views


@hooks.register("register_admin_urls")
def register_search_analytics():
    return admin_views.urlpatterns()


@hooks.register("register_reports_menu_item")
def register_search_analytics_menu_item():
    return admin_views.menu_item()
