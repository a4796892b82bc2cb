from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Membership is by invitation only: the public signup form is closed."""

    def is_open_for_signup(self, request):
        return False
