from django.template.response import TemplateResponse

from resources.listing import practice_listing


def practice_list(request):
    """Every practice the reader may see, across cities, filterable."""
    return TemplateResponse(request, "resources/practice_list.html", {"listing": practice_listing(request)})
