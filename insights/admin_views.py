"""Reports > Search analytics: what readers search for and cannot find, for the secretariat only.

The period comes from the query string (last 7, 30 or 90 days, or two dates within
the days kept); anything else is a form error on the page, or a 400 for the CSV.
The counts themselves come from ``insights.analytics``.
"""

from __future__ import annotations

import csv
import datetime

from django import forms
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateInput

from insights import analytics
from insights.analytics import Period
from insights.choices import SearchAudience
from insights.models import SearchQueryDay
from members.admin_views import SecretariatMenuItem, SecretariatOnlyPolicy

REPORT_URL_NAME = "insights_search_analytics"
CSV_URL_NAME = "insights_search_analytics_csv"
PERIODS = (7, 30, 90)  # days offered, as far as they are kept
DEFAULT_DAYS = 30
DATES_HELP = "For the period “Between these dates”; both days included."
policy = SecretariatOnlyPolicy(SearchQueryDay)


def _period_choices() -> list[tuple[str, str]]:
    kept = settings.SEARCH_ANALYTICS_DAYS
    choices = [(str(days), f"Last {days} days") for days in PERIODS if days < kept]
    choices.append((str(kept), f"Last {kept} days (all that is kept)"))
    return [*choices, ("", "Between these dates")]


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(label="Period", coerce=int, empty_value=None, required=False)
    start = forms.DateField(label="From", required=False, widget=AdminDateInput, help_text=DATES_HELP)
    end = forms.DateField(label="To", required=False, widget=AdminDateInput, help_text=DATES_HELP)
    audience = forms.ChoiceField(
        label="Who searched", choices=[("", "Everyone"), *SearchAudience.choices], required=False
    )

    def __init__(self, params):
        # Asked for no period: the last DEFAULT_DAYS days (or all that is kept, if fewer).
        if not any(params.get(name) for name in ("days", "start", "end")):
            params = params.copy()
            params["days"] = str(min(DEFAULT_DAYS, settings.SEARCH_ANALYTICS_DAYS))
        super().__init__(params)
        self.fields["days"].choices = _period_choices()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today, first = timezone.localdate(), analytics.first_kept_day()
        if data["days"]:
            data["start"], data["end"] = max(today - datetime.timedelta(days=data["days"] - 1), first), today
        elif not (data["start"] and data["end"]):
            raise forms.ValidationError("Choose a period, or enter both dates.")
        else:
            self._check_dates(data["start"], data["end"], today, first)
        return data

    def _check_dates(self, start, end, today, first) -> None:
        if start < first:
            kept = settings.SEARCH_ANALYTICS_DAYS
            self.add_error("start", f"Searches are kept for {kept} days: the earliest day is {first:%Y-%m-%d}.")
        if end > today:
            self.add_error("end", "The period cannot end after today.")
        if start > end:
            self.add_error("end", "The period cannot end before it starts.")

    def period(self) -> Period:
        data = self.cleaned_data
        return Period(data["start"], data["end"], data["audience"])


def _period_query_string(period: Period) -> str:
    return urlencode({"start": period.start.isoformat(), "end": period.end.isoformat(), "audience": period.audience})


class SecretariatOnlyMixin(PermissionCheckedMixin):
    permission_policy = policy
    permission_required = "view"


class SearchAnalyticsView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The report: totals, the most searched queries, and those that most often found nothing."""

    page_title = "Search analytics"
    header_icon = "search"
    template_name = "insights/admin/search_analytics.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET)
        report = analytics.report(form.period()) if analytics.enabled() and form.is_valid() else None
        context.update(
            form=form,
            report=report,
            enabled=analytics.enabled(),
            kept_days=settings.SEARCH_ANALYTICS_DAYS,
            min_searches=analytics.min_searches(),
            csv_url=f"{reverse(CSV_URL_NAME)}?{_period_query_string(report.period)}" if report else "",
        )
        return context


class SearchAnalyticsCSVView(SecretariatOnlyMixin, View):
    """Every listed query of the period (not only the top ones), as a spreadsheet reads it."""

    def get(self, request):
        form = PeriodForm(request.GET)
        if not analytics.enabled() or not form.is_valid():
            problem = form.errors.as_text() if analytics.enabled() else "Search analytics are off."
            return HttpResponseBadRequest(f"No report for this period:\n{problem}\n", content_type="text/plain")
        period = form.period()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="search-analytics-{period.start}-to-{period.end}.csv"'
        patch_cache_control(response, private=True, no_store=True)
        # A stored query is words and placeholders only, so no cell can start a spreadsheet formula.
        writer = csv.writer(response)
        writer.writerow(["query", "searches", "zero-result searches", "zero-result share (%)"])
        for item in analytics.listed_queries(period):
            writer.writerow([item.query, item.searches, item.zero_result_searches, item.zero_result_share])
        return response


def urlpatterns():
    return [
        path("search-analytics/", SearchAnalyticsView.as_view(), name=REPORT_URL_NAME),
        path("search-analytics/csv/", SearchAnalyticsCSVView.as_view(), name=CSV_URL_NAME),
    ]


def menu_item():
    return SecretariatMenuItem(
        "Search analytics", reverse(REPORT_URL_NAME), name="search-analytics", icon_name="search"
    )
