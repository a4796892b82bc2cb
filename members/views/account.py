"""Account pages for data protection: download my data, delete my account."""

from allauth.account.forms import ReauthenticateForm
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from members import personal_data


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def download_data(request):
    """GET explains what is in the file; POST returns it as a JSON attachment."""
    if request.method == "GET":
        return TemplateResponse(request, "members/account_data.html")
    response = JsonResponse(personal_data.export_personal_data(request.user), json_dumps_params={"indent": 2})
    filename = f"ctpn-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete the signed-in account once the password is given again.

    allauth checks the password (``ReauthenticateForm``), so failed attempts
    count towards the same limits as failed sign-ins.
    """
    refusal = personal_data.deletion_refusal(request.user)
    form = ReauthenticateForm(request.POST or None, user=request.user)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            personal_data.delete_account(request.user)
        except personal_data.DeletionRefused as refused:  # another secretary left meanwhile
            refusal = str(refused)
        else:
            logout(request)
            return TemplateResponse(request, "members/account_deleted.html")
    status = 409 if refusal and request.method == "POST" else 200
    return TemplateResponse(request, "members/account_delete.html", {"form": form, "refusal": refusal}, status=status)
