"""People in the Wagtail admin: who holds which role, and offboarding them.

The secretariat sees everyone who holds a role, may revoke any role and may
deactivate an account. A City coordinator sees the people holding a role in a
city they coordinate, only those cities' roles, and may revoke them, except
their own coordinator role: a slip must not leave their city without one (the
secretariat can still take it away).

``PeopleScope`` is the one place that decides who may see and do what here.
The listing offers only what it allows, and each action asks it again for the
person and role it acts on, so a forged request gets "permission denied" (or
"not found" for a person the viewer cannot see) and changes nothing. Revoking
goes through ``members.roles.revoke_role`` (audited, sessions ended);
deactivating switches the account off, which ``members.signals`` audits.
"""

from functools import cached_property

import django_filters
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.viewsets.base import ViewSet

from members import roles, signals
from members.admin_views import ConfirmActionView, WhenColumn, listed_cities
from members.choices import Role
from portal.access import NETWORK_MEMBERS_GROUP
from resources.models import CityPage

INDEX_URL_NAME = "people:index"


# -- Who holds what -----------------------------------------------------------


def _in_groups(group_ids) -> Q:
    """People in any of these groups; a subquery, so the listing never repeats a row."""
    memberships = get_user_model().groups.through.objects.filter(group_id__in=[pk for pk in group_ids if pk])
    return Q(pk__in=memberships.values("user_id"))


def _group_ids(*names) -> set[int]:
    return set(Group.objects.filter(name__in=names).values_list("pk", flat=True))


def _city_role(role: Role, city: CityPage) -> Q:
    """People whose role in ``city`` is ``role``, as roles_of reads it: in its group, in none higher."""
    higher = Q()
    for ranked, field in roles.CITY_ROLE_GROUPS:
        if ranked == role:
            return higher & _in_groups([getattr(city, field)])
        higher &= ~_in_groups([getattr(city, field)])
    return Q(pk__in=[])


def _network_members_only(cities) -> Q:
    """People whose only role is a network member tied to no city."""
    others = _group_ids(*roles.GLOBAL_ROLE_GROUPS.values()) | {pk for city in cities for pk in city.group_ids}
    return _in_groups(_group_ids(NETWORK_MEMBERS_GROUP)) & ~_in_groups(others)


class PeopleScope:
    """What one viewer may see and do in People."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.is_secretariat = roles.is_secretariat(viewer)
        self.cities = list(listed_cities(viewer))  # every city for the secretariat
        self.city_ids = {city.pk for city in self.cities}

    @property
    def may_enter(self) -> bool:
        return self.is_secretariat or bool(self.cities)

    def people(self):
        """Everyone holding a role the viewer may see."""
        groups = {pk for city in self.cities for pk in city.group_ids}
        if self.is_secretariat:
            groups |= _group_ids(NETWORK_MEMBERS_GROUP, *roles.GLOBAL_ROLE_GROUPS.values())
        return get_user_model().objects.filter(_in_groups(groups))

    def holding(self, role: Role, city: CityPage | None = None) -> Q:
        """People holding ``role``: in ``city`` if given, else in any city the viewer sees."""
        if role in roles.GLOBAL_ROLE_GROUPS:
            return _in_groups(_group_ids(roles.GLOBAL_ROLE_GROUPS[role]))
        condition = Q(pk__in=[])
        for each in [city] if city else self.cities:
            condition |= _city_role(role, each)
        if role == Role.NETWORK_MEMBER and city is None and self.is_secretariat:
            condition |= _network_members_only(self.cities)
        return condition

    def grants_shown(self, grants: list[roles.Grant]) -> list[roles.Grant]:
        """Of one person's ``grants``, those the viewer may see."""
        if self.is_secretariat:
            return grants
        return [grant for grant in grants if grant.city is not None and grant.city.pk in self.city_ids]

    def may_revoke(self, person, grant: roles.Grant) -> bool:
        own = person.pk == self.viewer.pk
        if self.is_secretariat:
            # Not one's own secretariat role: the network could be left without anyone to run it.
            return not (own and grant.role == Role.SECRETARIAT)
        # Nor one's own coordinator role: a slip must not leave the city without one.
        return roles.coordinator_manages(grant.role, grant.city, self.city_ids) and not (
            own and grant.role == Role.CITY_COORDINATOR
        )

    def may_deactivate(self, person) -> bool:
        return self.is_secretariat and person.pk != self.viewer.pk


def scope_for(request) -> PeopleScope:
    """The viewer's scope, worked out once per request (the menu, filters and view all ask)."""
    if getattr(request, "_people_scope", None) is None:
        request._people_scope = PeopleScope(request.user)
    return request._people_scope


def revoke_url(person, grant: roles.Grant) -> str:
    if grant.city is None:
        return reverse("people:revoke", args=[person.pk, grant.role])
    return reverse("people:revoke_city", args=[person.pk, grant.role, grant.city.pk])


# -- The listing --------------------------------------------------------------


class PeopleFilterSet(WagtailFilterSet):
    city = django_filters.ModelChoiceFilter(
        label="City", queryset=lambda request: listed_cities(request.user), empty_label="Any", method="filter_city"
    )
    role = django_filters.ChoiceFilter(label="Role", choices=Role.choices, empty_label="Any", method="filter_role")

    class Meta:
        model = get_user_model()
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.scope = scope_for(request)
        if not self.scope.is_secretariat:
            self.filters["role"].extra["choices"] = [c for c in Role.choices if c[0] in roles.COORDINATED_ROLES]

    def filter_city(self, queryset, name, city):
        return queryset.filter(_in_groups(city.group_ids))

    def filter_role(self, queryset, name, role):
        return queryset.filter(self.scope.holding(Role(role), self.form.cleaned_data.get("city")))


class RolesColumn(BaseColumn):
    """Each role the viewer may see, with "Revoke" where they may take it away."""

    cell_template_name = "members/admin/people_roles_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        return {**super().get_cell_context_data(instance, parent_context), "grants": instance.listed_grants}


class AccountColumn(BaseColumn):
    """Active or not, with "Deactivate account" for the secretariat."""

    cell_template_name = "members/admin/people_account_cell.html"


class LastLoginColumn(WhenColumn):
    empty_value_display = "Never"


class PeopleIndexView(BaseListingView):
    page_title = "People"
    header_icon = "group"
    index_url_name = INDEX_URL_NAME
    index_results_url_name = "people:index_results"
    filterset_class = PeopleFilterSet
    is_searchable = True
    paginate_by = 50
    verbose_name_plural = "people"
    default_ordering = "name"
    # Sort keys and the fields they order by; the account id breaks ties so pages never overlap.
    orderings = {"name": ("last_name", "first_name", "email"), "email": ("email",), "last_login": ("last_login",)}
    columns = [
        Column("name", label="Name", accessor="get_full_name", sort_key="name"),
        Column("email", label="Email", sort_key="email"),
        RolesColumn("roles", label="Roles"),
        AccountColumn("is_active", label="Active"),
        LastLoginColumn("last_login", label="Last login", sort_key="last_login"),
    ]

    def dispatch(self, request, *args, **kwargs):
        self.scope = scope_for(request)
        if not self.scope.may_enter:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return "" if self.scope.is_secretariat else ", ".join(city.title for city in self.scope.cities)

    def get_base_queryset(self):
        return self.scope.people()

    def order_queryset(self, queryset):
        key = self.ordering or self.default_ordering
        fields = self.orderings[key.lstrip("-")]
        if key.startswith("-"):
            return queryset.order_by(*(F(field).desc(nulls_last=True) for field in fields), "-pk")
        return queryset.order_by(*(F(field).asc(nulls_last=True) for field in fields), "pk")

    def search_queryset(self, queryset):
        """Every word must be in the first name, the last name or the address."""
        for word in self.search_query.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            )
        return queryset

    def paginate_queryset(self, queryset, page_size):
        paginator, page, people, is_paginated = super().paginate_queryset(queryset, page_size)
        people = list(people)
        grants = roles.roles_of_many(people)
        for person in people:
            person.listed_grants = [
                (grant, revoke_url(person, grant) if self.scope.may_revoke(person, grant) else "")
                for grant in self.scope.grants_shown(grants[person.pk])
            ]
            allowed = person.is_active and self.scope.may_deactivate(person)
            person.deactivate_url = reverse("people:deactivate", args=[person.pk]) if allowed else ""
        return paginator, page, people, is_paginated


# -- Revoking a role, deactivating an account ---------------------------------


class PersonActionView(ConfirmActionView):
    """Confirm (GET) and perform (POST) one offboarding step for one person."""

    template_name = "members/admin/people_confirm.html"
    header_icon = "group"
    index_url_name = INDEX_URL_NAME
    index_label = "People"

    def dispatch(self, request, *args, **kwargs):
        self.scope = scope_for(request)
        if not self.scope.may_enter:
            raise PermissionDenied
        # Someone the viewer cannot see is "not found": the answer gives no hint they exist.
        self.person = get_object_or_404(self.scope.people(), pk=kwargs["pk"])
        self.check_permission()
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(INDEX_URL_NAME)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def held(self) -> list[roles.Grant]:
        """The roles the person holds now."""
        return roles.roles_of(self.person)

    def check_permission(self):
        """Raise PermissionDenied (or Http404 for a malformed request) unless the viewer may act."""
        raise NotImplementedError

    def refusal(self) -> str:
        """Why the step cannot be taken (any more), or ""."""
        return ""

    def perform(self) -> str:
        """Take the step; return the success message."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        messages.success(request, self.perform())
        return redirect(INDEX_URL_NAME)

    def get_page_subtitle(self):
        return self.person.email

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(person=self.person, roles=self.scope.grants_shown(self.held))
        return context


class RevokeRoleView(PersonActionView):
    page_title = "Revoke role"
    question = (
        "Take this role away? The person loses what it gives at once and is signed out everywhere; "
        "any other role they hold stays."
    )

    def check_permission(self):
        if self.kwargs["role"] not in Role.values:
            raise Http404
        city = get_object_or_404(CityPage, pk=self.kwargs["city"]) if "city" in self.kwargs else None
        self.grant = roles.Grant(Role(self.kwargs["role"]), city)
        if not self.scope.may_revoke(self.person, self.grant):
            raise PermissionDenied

    def refusal(self):
        if self.grant not in self.held:
            return f"{self.person.email} does not hold the role {self.grant}: nothing was changed."
        return ""

    def perform(self):
        roles.revoke_role(self.person, self.grant.role, self.grant.city, actor=self.request.user)
        if self.person.pk == self.request.user.pk:
            logout(self.request)  # revoke_role has ended this session too; leave the request consistent
        return f"{self.person.email} no longer holds the role {self.grant} and has been signed out everywhere."

    def get_question(self):
        if self.person.pk == self.request.user.pk:
            return f"{self.question} This is your own role: you will be signed out too."
        return self.question

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "grant": self.grant}


class DeactivateAccountView(PersonActionView):
    page_title = "Deactivate account"
    question = (
        "Deactivate this account? The person is signed out everywhere and can no longer sign in. "
        "Their roles stay recorded: switching the account back on in Settings > Users restores them."
    )

    def check_permission(self):
        if not self.scope.may_deactivate(self.person):
            raise PermissionDenied

    def refusal(self):
        return "" if self.person.is_active else f"The account of {self.person.email} is already deactivated."

    def perform(self):
        person = self.person
        # As Wagtail's user editor does, so that the audit names who switched the account off.
        signals.note_actor(self.request, person)
        person.is_active = False
        person.save(update_fields=["is_active"])
        return f"The account of {person.email} was deactivated; they have been signed out everywhere."


# -- Registration -------------------------------------------------------------


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return scope_for(request).may_enter


class PeopleViewSet(ViewSet):
    """Admin > People: the secretariat's and City coordinators' offboarding."""

    name = "people"
    icon = "group"
    menu_label = "People"
    menu_order = 251  # just after Invitations
    add_to_admin_menu = True
    menu_item_class = PeopleMenuItem

    def get_urlpatterns(self):
        return [
            path("", PeopleIndexView.as_view(), name="index"),
            path("results/", PeopleIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/revoke/<str:role>/", RevokeRoleView.as_view(), name="revoke"),
            path("<int:pk>/revoke/<str:role>/<int:city>/", RevokeRoleView.as_view(), name="revoke_city"),
            path("<int:pk>/deactivate/", DeactivateAccountView.as_view(), name="deactivate"),
        ]
