"""The signup form: only for the invited address, which the form fixes."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from members import invitations
from members.views.invitations import invalid_invitation


class InvitedSignupForm(SignupForm):
    """allauth's signup form for the invitation in the session.

    The email is the invited one: shown, never editable, and whatever is
    posted for it is ignored. The account and the accepted invitation are
    saved in one transaction, so a reused or raced invitation creates nothing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = get_adapter().stashed_invitation(context.request)
        email = self.fields["email"]
        email.disabled = True
        email.help_text = _("The address you were invited at. You sign in with it.")
        # A disabled field takes its value from `initial`; set it here so a
        # `?email=` in the URL cannot stand in for the invited address.
        self.initial["email"] = email.initial = self.invitation.email if self.invitation else ""

    def clean_email(self):
        if self.invitation is None:
            raise forms.ValidationError(_("This invitation is no longer valid."))
        email = super().clean_email()
        if self.account_already_exists:
            # The person holds an invitation for this very address, so saying
            # so reveals nothing to them; sending them to sign in helps.
            self.account_already_exists = False
            raise forms.ValidationError(_("An account with this address exists already: sign in to accept."))
        return email

    def save(self, request):
        with transaction.atomic():
            user = super().save(request)
            invitations.accept(self.invitation.pk, user)
        get_adapter().unstash_invitation(request)
        # The password was chosen seconds ago: count that as allauth's
        # reauthentication (it expires after ACCOUNT_REAUTHENTICATION_TIMEOUT),
        # so setting up an authenticator app next does not ask for it again.
        record_authentication(request, user, method="password", email=user.email, reauthenticated=True)
        return user

    def try_save(self, request):
        get_adapter().stash_verified_email(request, self.invitation.email)
        try:
            return super().try_save(request)
        except PermissionDenied:
            return None, invalid_invitation(request)
