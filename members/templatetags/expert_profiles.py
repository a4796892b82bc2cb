from django import template
from django.urls import reverse

from members.profiles import can_view_profile

register = template.Library()


@register.simple_tag(takes_context=True)
def author_profile_url(context, author) -> str:
    """The address of a research author's expert profile, or "" if there is none the reader may open.

    A members-only profile is not linked for the public (the link would only lead to a 404).
    """
    request = context.get("request")
    if not can_view_profile(getattr(request, "user", None), author.expert_id):
        return ""
    return reverse("expert_detail", args=[author.expert_id])
