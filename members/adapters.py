import unicodedata

from allauth.account.adapter import DefaultAccountAdapter


def fold_login(value: str) -> str:
    """One key per address however its case or accents are written ("Åsa@X" and "asa@x" are one)."""
    decomposed = unicodedata.normalize("NFKD", value.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class AccountAdapter(DefaultAccountAdapter):
    """Membership is by invitation only: the public signup form is closed."""

    def is_open_for_signup(self, request):
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys failed-login limits on the lower-cased login; fold
        # accents too, so varying them cannot reset the count.
        login = credentials.get("email", credentials.get("username", ""))
        return super()._get_login_attempts_cache_key(request, email=fold_login(login))
