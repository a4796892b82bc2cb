from django import template

from alerts import searches
from alerts.forms import SaveSearchForm
from alerts.models import SavedSearch

register = template.Library()


@register.inclusion_tag("alerts/includes/save_search_form.html", takes_context=True)
def save_search_control(context, search):
    """The search page's "Save this search": for people with network access, the form, or the
    name it is saved under; for anonymous readers, a sign-in link; for others, nothing."""
    user = context["request"].user
    query_string = search.query_string()
    shown = bool(search.query or search.filtered)
    if not shown or not searches.may_save(user):
        return {
            "shown": shown and not user.is_authenticated,
            "anonymous": True,
            "return_path": context.get("return_path"),
        }
    existing = SavedSearch.objects.filter(user=user, query_string=searches.stored_form(query_string)).first()
    form = SaveSearchForm(initial={"search": query_string}, user=user, vocabulary=None)
    return {"shown": True, "anonymous": False, "existing": existing, "form": form}
