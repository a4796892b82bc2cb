from django.template.response import TemplateResponse

from portal.page_cache import cache_public
from resources.listing import practice_listing


@cache_public  # the same list for every anonymous visitor
def practice_list(request):
    """Every practice the reader may see, across cities, filterable."""
    return TemplateResponse(request, "resources/practice_list.html", {"listing": practice_listing(request)})
