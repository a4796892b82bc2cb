"""Expert profiles: created when someone becomes an invited expert."""

from members.models import ExpertProfile


def ensure_expert_profile(user) -> ExpertProfile:
    name = user.get_full_name() or user.email.split("@")[0]
    profile, _ = ExpertProfile.objects.get_or_create(user=user, defaults={"display_name": name})
    return profile
