"""Expert profiles: the expert edits their own, members browse the directory, readers open one."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from members.profile_forms import DirectoryFilterForm, ExpertProfileForm, NameForm
from members.profiles import authored_pages, ensure_expert_profile, is_expert, listed_profiles, profiles_visible_to
from members.roles import roles_of
from portal.access import is_network_member, members_only
from resources.listing import Listing, paginate, prepare_cards, query_string_without_page


@login_required
def account_profile(request):
    """The signed-in person's own name; an invited expert also edits their profile here.

    No URL takes a profile id: each person only ever edits their own.
    """
    # A fresh copy, so a rejected edit does not show up in the header.
    user = get_user_model().objects.get(pk=request.user.pk)
    profile = ensure_expert_profile(user) if is_expert(user) else None
    data = request.POST if request.method == "POST" else None
    name_form = NameForm(data, instance=user, prefix="account")
    profile_form = ExpertProfileForm(data, instance=profile, prefix="profile") if profile else None
    forms = [form for form in (name_form, profile_form) if form is not None]
    if data is not None and all(form.is_valid() for form in forms):
        for form in forms:
            form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("account_profile")
    context = {"name_form": name_form, "profile_form": profile_form, "profile": profile, "roles": roles_of(user)}
    return TemplateResponse(request, "members/account_profile.html", context)


@members_only
def expert_directory(request):
    """Every listed expert, for network members, filterable by theme."""
    form = DirectoryFilterForm(request.GET)
    profiles = listed_profiles().prefetch_related("themes").order_by("display_name", "pk")
    if theme := form.valid_filters().get("theme"):
        profiles = profiles.filter(themes=theme)
    listing = Listing(form=form, page=paginate(request, profiles), query_string=query_string_without_page(request))
    return TemplateResponse(request, "members/expert_directory.html", {"listing": listing})


def expert_detail(request, pk):
    """One profile. A profile the reader may not see answers like a missing one."""
    profile = get_object_or_404(profiles_visible_to(request.user).prefetch_related("themes"), pk=pk)
    pages = prepare_cards(authored_pages(profile, request.user), request.user)
    context = {"profile": profile, "pages": pages, "is_member": is_network_member(request.user)}
    return TemplateResponse(request, "members/expert_detail.html", context)
