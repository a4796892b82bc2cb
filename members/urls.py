from django.urls import path

from members.views import account, calendar, invitations, login, mfa, profiles

# Routes that replace other apps' views come first in portal/urls.py.
overrides = [
    path("admin/login/", login.to_allauth_login),
    path("_util/login/", login.to_allauth_login),
    # allauth's MFA: ``next`` carried through TOTP set-up, 429 for too many wrong codes.
    path("accounts/2fa/authenticate/", mfa.authenticate),
    path("accounts/2fa/totp/activate/", mfa.activate_totp),
    path("accounts/2fa/recovery-codes/", mfa.view_recovery_codes),
]

urlpatterns = [
    path("invitation/", invitations.accept_invitation, name="invitation_accept"),
    path("accounts/profile/", profiles.account_profile, name="account_profile"),
    path("accounts/data/", account.download_data, name="account_data"),
    path("accounts/delete/", account.delete_account, name="account_delete"),
    path("accounts/calendar/", calendar.calendar_feed, name="account_calendar"),
    path("experts/", profiles.expert_directory, name="expert_directory"),
    path("experts/<int:pk>/", profiles.expert_detail, name="expert_detail"),
]
