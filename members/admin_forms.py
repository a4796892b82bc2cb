"""The admin's invitation form: only the roles and cities the signed-in user may invite to.

The choices are narrowed for the user, so a forged POST naming another city or
the secretariat role fails as an invalid choice; ``clean`` asks
``roles.can_invite`` as well, the same rule the service enforces.
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from members import roles
from members.choices import CITY_ROLES, Role
from members.invitations import existing_user
from members.models import Invitation
from resources.models import CityPage

# The roles a City coordinator may hand out, always in one of their own cities.
COORDINATOR_ROLES = (Role.CITY_COORDINATOR, Role.CITY_EDITOR, Role.NETWORK_MEMBER)


def member_cities():
    """Cities still in the network (no left date, or one still ahead)."""
    return CityPage.objects.filter(Q(left__isnull=True) | Q(left__gt=timezone.localdate())).order_by("title")


class InvitationAdminForm(WagtailAdminModelForm):
    # Declared here so Wagtail does not swap in a page chooser: a plain list of the user's cities.
    city = forms.ModelChoiceField(
        queryset=CityPage.objects.none(),
        required=False,
        help_text="Required for city coordinators and editors; optional for network members.",
    )

    class Meta:
        model = Invitation
        fields = ["email", "role", "city", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if roles.is_secretariat(user):
            self.fields["role"].choices = [("", "---------"), *Role.choices]
            self.fields["city"].queryset = member_cities()
        else:
            self.fields["role"].choices = [("", "---------")] + [(r.value, r.label) for r in COORDINATOR_ROLES]
            self.fields["city"].queryset = roles.coordinated_cities(user)
            self.fields["city"].required = True
            self.fields["city"].help_text = "One of the cities you coordinate."

    def clean(self):
        cleaned = super().clean()
        email, role, city = cleaned.get("email"), cleaned.get("role"), cleaned.get("city")
        if not email or not role or self.has_error("city"):
            return cleaned
        if role in CITY_ROLES and city is None:
            self.add_error("city", "A city role needs a city.")
        elif not roles.can_invite(self.for_user, Role(role), city):
            self.add_error("role", "You may not invite people to this role in this city.")
        else:
            self._check_not_duplicate(email, Role(role), city)
        return cleaned

    def _check_not_duplicate(self, email, role, city):
        """A second invitation for the same role, or a role the person holds, is a mistake."""
        pending = Invitation.objects.pending().filter(email__iexact=email, role=role, city=city)
        if pending.exists():
            self.add_error("email", "This address already has a pending invitation to this role; resend it instead.")
            return
        user = existing_user(email)
        if user is not None and roles.Grant(role, city) in roles.roles_of(user):
            self.add_error("email", "This person already holds this role.")
