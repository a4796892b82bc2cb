"""The Wagtail admin for invitations and the membership audit trail.

Who may do what here is decided by two permission policies built on
``members.roles``, not on Django model permissions (coordinators hold none):

- invitations: the secretariat manages all of them; a City coordinator only
  those for the cities they coordinate. Nobody edits an invitation (its token
  is tied to the address and role) and nobody deletes one (it is part of the
  audit record): a mistaken invitation is revoked.
- the audit trail: the secretariat only.

Wagtail's views ask the policy (menu, listing, add), and the resend and revoke
views ask it for the one invitation they act on, so a forged POST for another
city's invitation gets Wagtail's "permission denied". The invitation logic
itself stays in ``members.invitations``.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from members import invitations, roles
from members.admin_forms import InvitationAdminForm
from members.choices import AuditAction, InvitationStatus, Role
from members.models import AuditEvent, Invitation
from resources.models import CityPage

# -- Who may do what ----------------------------------------------------------


def _admins(*extra: Q):
    """Active accounts that are secretariat (superuser or group), or match ``extra``."""
    condition = Q(is_superuser=True) | Q(groups__name=roles.SECRETARIAT_GROUP)
    for q in extra:
        condition |= q
    return get_user_model().objects.filter(condition, is_active=True).distinct()


class SecretariatOnlyPolicy(BasePermissionPolicy):
    """Only the secretariat, and only ``actions``: by default viewing (nobody changes anything
    through the admin); ``None`` for every action (a snippet the secretariat manages)."""

    def __init__(self, model, actions: frozenset[str] | None = frozenset({"view"})):
        super().__init__(model)
        self.actions = actions

    def _allows(self, actions) -> bool:
        return self.actions is None or bool(self.actions & set(actions))

    def user_has_permission(self, user, action):
        return self._allows({action}) and roles.is_secretariat(user)

    def users_with_any_permission(self, actions):
        return _admins() if self._allows(actions) else get_user_model().objects.none()


class InvitationPermissionPolicy(BasePermissionPolicy):
    """The secretariat: every invitation. A City coordinator: their own cities' invitations."""

    actions = frozenset({"add", "view", "resend", "revoke"})

    def user_has_permission(self, user, action):
        if action not in self.actions:
            return False
        return roles.is_secretariat(user) or roles.coordinated_cities(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action not in self.actions:
            return False
        return roles.is_secretariat(user) or roles.coordinated_cities(user).filter(pk=instance.city_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.actions & set(actions):
            return Invitation.objects.none()
        if roles.is_secretariat(user):
            return Invitation.objects.all()
        return Invitation.objects.filter(city__in=roles.coordinated_cities(user))

    def users_with_any_permission(self, actions):
        if not self.actions & set(actions):
            return get_user_model().objects.none()
        coordinators = CityPage.objects.filter(left__isnull=True).values("coordinators_group")
        return _admins(Q(groups__in=coordinators))


invitation_policy = InvitationPermissionPolicy(Invitation)
audit_policy = SecretariatOnlyPolicy(AuditEvent)


def listed_cities(user):
    """The cities whose invitations the user sees (for the listing's filter)."""
    return CityPage.objects.order_by("title") if roles.is_secretariat(user) else roles.coordinated_cities(user)


# -- Columns ------------------------------------------------------------------


class WhenColumn(Column):
    """An exact local date and time; "3 days ago" reads badly in an audit or for an expiry ahead."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _email_of(user) -> str:
    return (user.email or user.get_username()) if user else ""


class ConfirmActionView(WagtailAdminTemplateMixin, TemplateView):
    """A page that asks ``question`` before one step is taken from a listing (the invitations', People)."""

    index_url_name = None
    index_label = ""
    question = ""

    def get_question(self) -> str:
        return self.question

    def get_breadcrumbs_items(self):
        index = {"url": reverse(self.index_url_name), "label": self.index_label}
        return [*self.breadcrumbs_items, index, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(question=self.get_question(), index_url=reverse(self.index_url_name))
        context["confirm_label"] = self.page_title
        return context


# -- Invitations --------------------------------------------------------------


class InvitationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=InvitationStatus.choices, method="filter_status", empty_label="Any"
    )
    role = django_filters.ChoiceFilter(label="Role", choices=Role.choices, empty_label="Any")
    city = django_filters.ModelChoiceFilter(
        label="City", queryset=lambda request: listed_cities(request.user), empty_label="Any"
    )

    class Meta:
        model = Invitation
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)


class InvitationIndexView(IndexView):
    resend_url_name = None
    revoke_url_name = None
    add_item_label = "Invite someone"

    def get_base_queryset(self):
        visible = invitation_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        return visible.select_related("city", "invited_by")

    def get_list_more_buttons(self, instance):
        # The listing holds only invitations the user may act on; the views check again.
        buttons = super().get_list_more_buttons(instance)
        if instance.status in ResendInvitationView.allowed_statuses:
            url = reverse(self.resend_url_name, args=[instance.pk])
            buttons.append(MenuItem("Resend", url, icon_name="mail", priority=10))
        if instance.status in RevokeInvitationView.allowed_statuses:
            url = reverse(self.revoke_url_name, args=[instance.pk])
            buttons.append(MenuItem("Revoke", url, icon_name="cross", priority=20))
        return buttons


class InvitationCreateView(CreateView):
    page_title = "Invite someone"
    submit_button_label = "Send invitation"
    submit_button_active_label = "Sending…"
    error_message = "The invitation could not be sent: please correct the errors below."

    def save_instance(self):
        data = self.form.cleaned_data
        invitation, self.token = invitations.invite(
            email=data["email"],
            role=Role(data["role"]),
            city=data["city"],
            invited_by=self.request.user,
            message=data["message"],
        )
        return invitation

    def get_success_message(self, instance):
        if self.token is None:
            grant = roles.Grant(instance.role, instance.city)
            return f"Role added: {instance.email} already had an account and is now {grant}; we told them by email."
        return f"Invitation sent to {instance.email}."

    def get_success_buttons(self):
        return []  # there is no edit view to link to


class InvitationActionView(BaseObjectMixin, ConfirmActionView):
    """Confirm (GET) and perform (POST) one action on one invitation."""

    model = Invitation
    index_label = "Invitations"
    template_name = "members/admin/confirm_invitation_action.html"
    header_icon = "mail"
    permission_action = ""
    allowed_statuses = ()
    verb = ""
    success_message = ""

    def get_object(self):
        invitation = super().get_object()
        user = self.request.user
        if not invitation_policy.user_has_permission_for_instance(user, self.permission_action, invitation):
            raise PermissionDenied
        return invitation

    def dispatch(self, request, *args, **kwargs):
        if self.object.status not in self.allowed_statuses:
            return self.refuse(self.object)
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, invitation):
        status = invitation.get_status_display().lower()
        messages.error(self.request, f"The invitation to {invitation.email} is {status}: it cannot be {self.verb}.")
        return redirect(self.index_url_name)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            # Re-read under a lock: it may have been accepted since the page was shown.
            invitation = Invitation.objects.select_for_update().get(pk=self.object.pk)
            if invitation.status not in self.allowed_statuses:
                return self.refuse(invitation)
            self.perform(invitation)
        messages.success(request, self.success_message % {"email": invitation.email})
        return redirect(self.index_url_name)

    def perform(self, invitation):
        raise NotImplementedError

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation": self.object}


class ResendInvitationView(InvitationActionView):
    page_title = "Resend invitation"
    permission_action = "resend"
    allowed_statuses = (InvitationStatus.PENDING, InvitationStatus.EXPIRED)
    verb = "sent again"
    question = "Send a new link? The link sent earlier stops working, and the new one is valid for the full period."
    success_message = "A new invitation was sent to %(email)s; the earlier link no longer works."

    def perform(self, invitation):
        invitations.resend(invitation, actor=self.request.user)


class RevokeInvitationView(InvitationActionView):
    page_title = "Revoke invitation"
    permission_action = "revoke"
    allowed_statuses = (InvitationStatus.PENDING,)
    verb = "revoked"
    question = "Revoke this invitation? Its link stops working at once; the record stays in the list."
    success_message = "The invitation to %(email)s was revoked; its link no longer works."

    def perform(self, invitation):
        invitations.revoke(invitation, actor=self.request.user)


class InvitationViewSet(ModelViewSet):
    """Invitations in the admin: list, invite, resend, revoke. No edit, no delete."""

    model = Invitation
    name = "invitations"
    icon = "mail"
    menu_label = "Invitations"
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    filterset_class = InvitationFilterSet
    ordering = "-created"
    list_per_page = 50
    search_fields = ["email"]
    search_backend_name = None  # a plain icontains on the address
    list_display = [
        "email",
        Column("role", label="Role", accessor="get_role_display"),
        Column("city", label="City", accessor=lambda inv: inv.city.title if inv.city else ""),
        StatusTagColumn("status", label="Status", accessor="get_status_display", primary=lambda inv: inv.is_pending),
        Column("invited_by", label="Invited by", accessor=lambda inv: _email_of(inv.invited_by)),
        WhenColumn("created", label="Created", sort_key="created"),
        WhenColumn("expires", label="Expires", sort_key="expires"),
    ]

    def get_form_class(self, for_update=False):
        return InvitationAdminForm

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            resend_url_name=self.get_url_name("resend"), revoke_url_name=self.get_url_name("revoke"), **kwargs
        )

    @property
    def resend_view(self):
        return self.construct_view(ResendInvitationView)

    @property
    def revoke_view(self):
        return self.construct_view(RevokeInvitationView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]

    def get_permissions_to_register(self):
        # Access follows roles, not Django permissions: offering them in the group editor would mislead.
        return Permission.objects.none()

    def register_admin_url_finder(self):
        pass  # invitations have no edit view to find


# -- The audit trail ----------------------------------------------------------


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label="Action", choices=AuditAction.choices, empty_label="Any")
    created = django_filters.DateFromToRangeFilter(label="When", widget=DateRangePickerWidget)
    city = django_filters.ModelChoiceFilter(
        label="City", queryset=CityPage.objects.order_by("title"), empty_label="Any"
    )

    class Meta:
        model = AuditEvent
        fields = []


class AuditReportView(ReportView):
    """Membership events, newest first: who did what to whose membership, and when."""

    model = AuditEvent
    any_permission_required = ["view"]
    page_title = "Membership audit"
    header_icon = "history"
    filterset_class = AuditFilterSet
    index_url_name = "members_audit"
    index_results_url_name = "members_audit_results"
    is_searchable = True
    search_fields = ["subject_email", "actor_label", "detail"]
    verbose_name_plural = "membership events"
    columns = [
        WhenColumn("created", label="When"),
        Column("action", label="Action", accessor="get_action_display"),
        Column("actor", label="By", accessor=lambda event: event.actor_label or "System"),
        Column("subject_email", label="Person"),
        Column("role", label="Role", accessor="get_role_display"),
        Column("city", label="City", accessor=lambda event: event.city.title if event.city else ""),
        Column("detail", label="Detail"),
    ]

    def get_base_queryset(self):
        return AuditEvent.objects.select_related("city")  # the model's ordering: newest first

    @classmethod
    def urlpatterns(cls):
        return [
            path("membership-audit/", cls.as_view(), name=cls.index_url_name),
            path("membership-audit/results/", cls.as_view(results_only=True), name=cls.index_results_url_name),
        ]


class SecretariatMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return roles.is_secretariat(request.user)


def audit_menu_item():
    return SecretariatMenuItem(
        "Membership audit", reverse(AuditReportView.index_url_name), name="membership-audit", icon_name="history"
    )
