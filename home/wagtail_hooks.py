"""Hosting periods in the admin: the snippet and the handover report (secretariat only)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from home.admin_views import HostingPeriodViewSet, hosting_policy, report_menu_item, report_urls
from home.models import HostingPeriod

# The policy first: Wagtail refuses a custom policy once it has made a fallback one.
register_permission_policy(HostingPeriod, hosting_policy)
register_snippet(HostingPeriodViewSet)


@hooks.register("register_admin_urls")
def register_hosting_report():
    return report_urls()


@hooks.register("register_reports_menu_item")
def register_hosting_report_menu_item():
    return report_menu_item()
