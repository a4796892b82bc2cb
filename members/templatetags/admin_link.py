from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from members.roles import may_have_admin_access

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_userbar(context, position="bottom-right") -> str:
    """Wagtail's user bar (the way into the admin) for those who can reach the admin.

    Wagtail asks every signed-in reader's permissions (two queries); readers who certainly
    cannot reach the admin are answered without them (``may_have_admin_access``), everyone
    else goes through Wagtail's own check.
    """
    user = getattr(context.get("request"), "user", None)
    if user is None or not may_have_admin_access(user):
        return ""
    return wagtailuserbar(context, position)
