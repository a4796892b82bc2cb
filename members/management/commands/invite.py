"""manage.py invite EMAIL --role ROLE [--city CITY] [--message TEXT] [--invited-by EMAIL]

Sends an invitation from the command line. Without --invited-by it runs as the
system, which may invite anyone to any role: this is how the first Secretariat
account is made on a fresh deployment, from the accept link it prints.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db.models import Q

from members import invitations
from members.choices import CITY_ROLES, Role
from resources.models import CityPage


class Command(BaseCommand):
    help = "Invite someone to the network in one role; prints the accept link for a new account."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(Role.values)}.")
        parser.add_argument("--city", help="The city's slug or title (city coordinator, city editor, network member).")
        parser.add_argument("--message", default="", help="A personal note for the email.")
        parser.add_argument("--invited-by", help="Email of the inviting account; its invitation rights apply.")

    def handle(self, *args, email, role, city, message, invited_by, **options):
        email, role = _email(email), _role(role)
        city = _city(city) if city else None
        if role in CITY_ROLES and city is None:
            raise CommandError(f"A {role.label.lower()} belongs to a city: give --city.")
        invitation, token = self._invite(
            email=email,
            role=role,
            city=city,
            message=message,
            invited_by=_inviter(invited_by) if invited_by else None,
        )
        if token is None:
            self.stdout.write(f"{email} already has an account: role added ({invitation}).")
            return
        expires = invitation.expires.strftime("%Y-%m-%d %H:%M %Z")
        self.stdout.write(f"Invitation sent to {email} as {invitation.get_role_display()}.")
        self.stdout.write(f"Accept link (works once, until {expires}):\n{invitations.accept_url(token)}")

    def _invite(self, **kwargs):
        try:
            return invitations.invite(**kwargs)
        except PermissionDenied as error:
            raise CommandError(f"{kwargs['invited_by'].email} may not invite to this role: {error}") from error
        except ValidationError as error:
            raise CommandError(_messages(error)) from error


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _email(value: str) -> str:
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError as error:
        raise CommandError(f"Not a valid email address: {value!r}.") from error
    return value


def _role(value: str) -> Role:
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalised not in Role.values:
        raise CommandError(f"Unknown role {value!r}. Choose one of: {', '.join(Role.values)}.")
    return Role(normalised)


def _city(value: str) -> CityPage:
    cities = list(CityPage.objects.filter(Q(slug=value.strip()) | Q(title__iexact=value.strip())))
    if not cities:
        known = ", ".join(CityPage.objects.order_by("title").values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"Unknown city {value!r}. Cities (slugs): {known}.")
    if len(cities) > 1:
        raise CommandError(f"{value!r} names several cities; give the slug.")
    if not cities[0].is_current_member:
        raise CommandError(f"{cities[0].title} has left the network; nobody can be invited to it.")
    return cities[0]


def _inviter(value: str):
    user = invitations.existing_user(value)
    if user is None or not user.is_active:
        raise CommandError(f"No active account with the address {value!r} (--invited-by).")
    return user
