"""Expert profiles: who is listed in the directory, and who may read a profile.

A profile is listed while its owner is active and still holds the Invited
expert role. Its visibility is an audience in the access helper's terms
(public, or network members), so members read every listed profile and anyone
else only the public ones. Everything that shows or links a profile asks this
module.
"""

from django.db.models import Prefetch
from django.urls import reverse

from members.choices import ProfileVisibility
from members.models import ExpertProfile
from members.roles import EXPERTS_GROUP
from portal.access import MEMBERS, PUBLIC, audiences_for_user, can_view, visible_pages
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


VISIBILITY_AUDIENCES = {
    ProfileVisibility.PUBLIC: frozenset({PUBLIC}),
    ProfileVisibility.MEMBERS: frozenset({MEMBERS}),
}


def profiles_visible_to(user):
    """The listed profiles ``user`` may read, as the access helper decides for their visibility."""
    user_audiences = audiences_for_user(user)
    readable = [
        visibility for visibility, audiences in VISIBILITY_AUDIENCES.items() if can_view(user_audiences, audiences)
    ]
    return listed_profiles().filter(visibility__in=readable)


def author_links(user, authors) -> list[tuple]:
    """Each research author with the address of their expert profile, or "" where there is
    none the reader may open (a members-only profile is not linked for the public). One query."""
    ids = {author.expert_id for author in authors if author.expert_id}
    readable = set(profiles_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return [
        (author, reverse("expert_detail", args=[author.expert_id]) if author.expert_id in readable else "")
        for author in authors
    ]


def authored_pages(profile: ExpertProfile, user):
    """The research pages crediting ``profile`` that ``user`` may read, newest first."""
    pages = ResearchPage.objects.filter(authors__expert=profile).distinct()
    return (
        visible_pages(pages, user)
        .prefetch_related("themes", Prefetch("authors", queryset=ResearchAuthor.objects.order_by("sort_order")))
        .order_by("-publication_date", "title")
    )
