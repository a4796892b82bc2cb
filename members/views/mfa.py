"""allauth's MFA views with two changes: ``next`` carried through set-up, and 429 at the code step.

The middleware sends admin users without an authenticator to set-up with ``?next=/admin/...``;
allauth's own views always end on its MFA pages, so these subclasses only add ``next``.
"""

from allauth.core.ratelimit import respond_429
from allauth.mfa.base.views import AuthenticateView
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView

from members.views.login import safe_next, with_next


class ActivateTOTP(ActivateTOTPView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next_url": safe_next(self.request)}

    def get_success_url(self) -> str:
        # Show the new recovery codes first; that page then offers the way on.
        return with_next(super().get_success_url(), safe_next(self.request))


class RecoveryCodes(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next_url": safe_next(self.request)}


class Authenticate(AuthenticateView):
    def form_invalid(self, form):
        # allauth refuses codes over its failed-login limit with a form error;
        # answer 429, as the password step does (members.adapters).
        if form.has_error("code", "too_many_login_attempts"):
            return respond_429(self.request)
        return super().form_invalid(form)


activate_totp = ActivateTOTP.as_view()
authenticate = Authenticate.as_view()
view_recovery_codes = RecoveryCodes.as_view()
