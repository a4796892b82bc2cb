"""Hosting periods in the Wagtail admin: the snippet and the handover report, secretariat only.

Who hosts the network is the secretariat's decision, so nobody else may add, change or
delete a hosting period (a permission policy on ``members.roles.is_secretariat``, not
Django model permissions, which an administrator could hand to a city's editors), and
only the secretariat reads the report, which counts members-only content too.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import SnippetViewSet

from home.forms import HostingPeriodForm
from home.hosting import running_on, site_today
from home.hosting_report import build_report
from home.models import HostingPeriod
from members import roles
from members.admin_views import SecretariatMenuItem, SecretariatOnlyPolicy
from resources.registration_views import safe_cell

# Hosting periods' ids are big integers: a larger number is none, and PostgreSQL would answer it
# with an error, not "no rows".
MAX_ID = 2**63 - 1
# Every action for the secretariat; none for anyone else.
hosting_policy = SecretariatOnlyPolicy(HostingPeriod, actions=None)


class HostingPeriodViewSet(SnippetViewSet):
    model = HostingPeriod
    icon = "home"
    menu_label = "Hosting periods"
    menu_order = 310
    add_to_admin_menu = True
    ordering = ["-start"]
    list_display = [
        Column("city", label="Host city", accessor=lambda period: period.city.title),
        "start",
        Column("end", label="End", accessor=lambda period: period.end or "Ongoing"),
    ]
    # A plain list of the cities: Wagtail's page chooser fails to redisplay a garbage value.
    edit_handler = ObjectList(
        [FieldPanel("city"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("handover_notes")],
        base_form_class=HostingPeriodForm,
    )

    def get_queryset(self, request):
        return HostingPeriod.objects.select_related("city")

    def get_permissions_to_register(self):
        # Access follows the secretariat role; a model permission in the group editor would mislead.
        return super().get_permissions_to_register().none()


# -- The handover report -------------------------------------------------------


def _period(pk: int) -> HostingPeriod:
    if pk > MAX_ID:
        raise Http404
    return get_object_or_404(HostingPeriod.objects.select_related("city"), pk=pk)


class SecretariatOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not roles.is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HostingReportView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The report of one hosting period (without ``pk``: of the running one, if any),
    with the list of periods to choose another."""

    page_title = "Hosting report"
    header_icon = "home"
    template_name = "home/admin/hosting_report.html"

    def get_page_subtitle(self):
        return str(self.period) if self.period else ""

    def get(self, request, pk=None):
        if pk is None:
            self.period = running_on(site_today()).select_related("city").order_by("-start").first()
        else:
            self.period = _period(pk)
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["periods"] = HostingPeriod.objects.select_related("city").order_by("-start")
        if self.period:
            context["report"] = build_report(self.period)
        return context


class HostingReportPrintView(SecretariatOnlyMixin, TemplateView):
    """The report on its own, laid out for paper (the handover file)."""

    template_name = "home/admin/hosting_report_print.html"

    def get(self, request, pk):
        self.period = _period(pk)
        return super().get(request)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "report": build_report(self.period)}


def report_rows(report) -> list[list]:
    """The report as CSV rows: a header, then one block per section, a blank row between."""
    period, last = report.period, report.last_day
    rows = [["Hosting period", period.city.title, f"{report.first_day:%Y-%m-%d}", f"{last:%Y-%m-%d}" if last else ""]]
    rows += [[], ["Resources first published", "Type", "City", "First published", "Live now"]]
    for item in report.resources:
        rows.append(
            [item.page.title, item.type_label, "; ".join(item.cities), f"{item.published:%Y-%m-%d}", item.page.live]
        )
    rows += [[], ["Resources by city", *report.type_labels, "Total"]]
    rows += [[city, *counts, total] for city, counts, total in report.by_city]
    rows += [[], ["Events held", "Starts", "Host city", "Registered", "Waiting list"]]
    for event in report.events:
        host = event.host_city.title if event.host_city else ""
        rows.append([event.title, event.local_start.strftime("%Y-%m-%d %H:%M"), host, event.registered, event.waiting])
    rows += [[], ["Invitations by role", "City", "Sent", "Accepted"]]
    rows += [[row["role"], row["city"], row["sent"], row["accepted"]] for row in report.invitations]
    rows += [[], ["Accounts created", report.accounts_created]]
    return rows


def hosting_report_csv(request, pk: int):
    if not roles.is_secretariat(request.user):
        raise PermissionDenied
    report = build_report(_period(pk))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"hosting-report-{report.period.pk}-{report.first_day:%Y}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    for row in report_rows(report):
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def report_urls():
    return [
        path("hosting-report/", HostingReportView.as_view(), name="hosting_report"),
        path("hosting-report/<int:pk>/", HostingReportView.as_view(), name="hosting_report"),
        path("hosting-report/<int:pk>/print/", HostingReportPrintView.as_view(), name="hosting_report_print"),
        path("hosting-report/<int:pk>/csv/", hosting_report_csv, name="hosting_report_csv"),
    ]


def report_menu_item():
    return SecretariatMenuItem("Hosting report", reverse("hosting_report"), name="hosting-report", icon_name="home")
