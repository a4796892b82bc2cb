"""Expert profiles: who is listed in the directory, and who may read a profile.

A profile is listed while its owner is active and still holds the Invited
expert role. Members read every listed profile; anyone else reads only the
public ones. Everything that shows or links a profile asks this module.
"""

from django.db.models import Prefetch

from members.choices import ProfileVisibility
from members.models import ExpertProfile
from members.roles import EXPERTS_GROUP
from portal.access import is_network_member, visible_pages
from resources.models import ResearchAuthor, ResearchPage


def ensure_expert_profile(user) -> ExpertProfile:
    name = user.get_full_name() or user.email.split("@")[0]
    profile, _ = ExpertProfile.objects.get_or_create(user=user, defaults={"display_name": name})
    return profile


def is_expert(user) -> bool:
    """Whether ``user`` holds the Invited expert role now."""
    return user.is_authenticated and user.is_active and user.groups.filter(name=EXPERTS_GROUP).exists()


def listed_profiles():
    """Profiles of active users who still hold the Invited expert role."""
    return ExpertProfile.objects.filter(user__is_active=True, user__groups__name=EXPERTS_GROUP).distinct()


def profiles_visible_to(user):
    """The listed profiles ``user`` may read: all for members, public ones for everyone else."""
    profiles = listed_profiles()
    if not is_network_member(user):
        profiles = profiles.filter(visibility=ProfileVisibility.PUBLIC)
    return profiles


def can_view_profile(user, profile_id: int | None) -> bool:
    return profile_id is not None and profiles_visible_to(user).filter(pk=profile_id).exists()


def authored_pages(profile: ExpertProfile, user):
    """The research pages crediting ``profile`` that ``user`` may read, newest first."""
    pages = ResearchPage.objects.filter(authors__expert=profile).distinct()
    return (
        visible_pages(pages, user)
        .prefetch_related("themes", Prefetch("authors", queryset=ResearchAuthor.objects.order_by("sort_order")))
        .order_by("-publication_date", "title")
    )
