"""Remove a person's second factor after they lost their authenticator and recovery codes."""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members import audit
from members.choices import AuditAction
from members.sessions import end_sessions


class Command(BaseCommand):
    help = (
        "Remove EMAIL's authenticator app and recovery codes and end their sessions. "
        "Verify who is asking first; admin users must set up a new app at their next admin visit."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", default="", help="Recorded in the membership audit trail.")

    def handle(self, *args, email, reason, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email!r}.")
        removed, _ = Authenticator.objects.filter(user=user).delete()
        ended = end_sessions(user)
        audit.record(AuditAction.MFA_RESET, subject_email=user.email, detail=reason)
        self.stdout.write(f"Removed {removed} authenticator(s) and ended {ended} session(s) for {user.email}.")
