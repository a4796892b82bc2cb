import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError

from members import invitations

# The one session key that carries an opened invitation (its id, never the token).
INVITATION_SESSION_KEY = "members_invitation"


def fold_login(value: str) -> str:
    """One key per address however its case or accents are written ("Åsa@X" and "asa@x" are one)."""
    decomposed = unicodedata.normalize("NFKD", value.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class AccountAdapter(DefaultAccountAdapter):
    """Membership is by invitation only: signup opens only for a session holding a pending invitation."""

    def is_open_for_signup(self, request):
        # Re-read the invitation each time: one revoked or expired since it
        # was opened closes signup again.
        return self.stashed_invitation(request) is not None

    def stash_invitation(self, request, invitation) -> None:
        request.session[INVITATION_SESSION_KEY] = invitation.pk

    def stashed_invitation(self, request):
        """The session's invitation if it is still pending, else None."""
        session = getattr(request, "session", None)
        pk = session.get(INVITATION_SESSION_KEY) if session is not None else None
        return invitations.pending_by_id(pk) if isinstance(pk, int) else None

    def unstash_invitation(self, request) -> None:
        request.session.pop(INVITATION_SESSION_KEY, None)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys failed-login limits on the lower-cased login; fold
        # accents too, so varying them cannot reset the count.
        login = credentials.get("email", credentials.get("username", ""))
        return super()._get_login_attempts_cache_key(request, email=fold_login(login))

    def pre_authenticate(self, request, **credentials):
        # allauth answers too many failed logins with a form error (status
        # 200); the portal answers 429, like its other rate limits, so that
        # scripts and proxies see the refusal. The password is not checked.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ImmediateHttpResponse(respond_429(request)) from error
