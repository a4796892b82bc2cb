"""Opening and accepting an invitation link.

The link's token is traded at once for the invitation's id in the session and
the visitor is sent to the same address without it, so the token does not stay
in the address bar or the history. Every response that can stand at an address
with a key says "Referrer-Policy: no-referrer", so it is never in a Referer.
Every bad link, whatever is wrong with it, gets the same page. The service
(members.invitations) decides; these views only move the visitor along.
"""

from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.core.internal.ratelimit import consume_or_429
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import invitations, roles


def _private(response):
    """No Referer leaves these pages and no cache keeps them."""
    response.setdefault("Referrer-Policy", "no-referrer")
    add_never_cache_headers(response)
    return response


def private(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _private(view(request, *args, **kwargs))

    return wrapped


def invalid_invitation(request):
    """The one answer to every bad, used, expired, revoked or misdirected link."""
    return _private(render(request, "members/invitation_invalid.html", status=404))


def _rate_limited(request):
    """Opening links is limited per address, so tokens cannot be guessed at speed."""
    # allauth's public ratelimit.consume() never counts GETs; opening a link is one.
    return consume_or_429(request, app="allauth.account", action="invitation_accept", limit_get=True)


def _take_key(request) -> str:
    """The token from the link, removed from the request so that nothing later
    (templates, the 404 warning's request, error reports) can show it."""
    key = request.GET.get("key", "")
    request.GET = QueryDict()
    request.META["QUERY_STRING"] = ""
    return key


def _may_use(user, invitation) -> bool:
    """Signed out, anyone holding the link may go on; signed in, only the invited address."""
    return not user.is_authenticated or invitations.addressed_to(invitation, user)


def _open_link(request):
    key = _take_key(request)
    limited = _rate_limited(request)
    if limited:
        return limited
    invitation = invitations.pending_for_token(key)
    if invitation is None or not _may_use(request.user, invitation):
        return invalid_invitation(request)
    get_adapter(request).stash_invitation(request, invitation)
    return redirect("invitation_accept")


@private
@require_http_methods(["GET", "POST"])
def accept_invitation(request):
    """?key=: open the link. GET: show the invitation. POST: go on to sign up, or accept."""
    if "key" in request.GET:
        return _open_link(request)
    invitation = get_adapter(request).stashed_invitation(request)
    if invitation is None or not _may_use(request.user, invitation):
        return invalid_invitation(request)
    if request.method == "POST":
        return _accept(request, invitation) if request.user.is_authenticated else _to_signup(request, invitation)
    return _invitation_page(request, invitation)


def _login_url() -> str:
    return f"{reverse('account_login')}?{urlencode({'next': reverse('invitation_accept')})}"


def _page_context(request, invitation) -> dict:
    inviter = invitation.invited_by
    return {
        "invitation": invitation,
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "The network's secretariat",
        "has_account": request.user.is_anonymous and invitations.existing_user(invitation.email) is not None,
        "login_url": _login_url(),
    }


def _invitation_page(request, invitation):
    response = render(request, "members/invitation_accept.html", _page_context(request, invitation))
    # This page's address holds no key, and its forms post back here: under
    # "no-referrer" browsers send "Origin: null" with a POST, which Django's
    # CSRF check refuses. "same-origin" still sends nothing to other sites.
    response["Referrer-Policy"] = "same-origin"
    return response


def _to_signup(request, invitation):
    """Signed out: on to allauth's signup, with the invited address already verified."""
    if invitations.existing_user(invitation.email) is not None:
        return redirect(_login_url())
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


def _accept(request, invitation):
    """Signed in as the invited address: the role is added to this account."""
    try:
        invitations.accept(invitation.pk, request.user)
    except PermissionDenied:
        return invalid_invitation(request)
    get_adapter(request).unstash_invitation(request)
    grant = roles.Grant(invitation.role, invitation.city)
    messages.success(request, _("Invitation accepted. Your new role: %(grant)s.") % {"grant": grant})
    return redirect("/")
