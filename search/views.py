from django.template.response import TemplateResponse

from search.service import RESULT_TYPES, search


def search_view(request):
    results = search(request, request.GET.get("q", ""), request.GET.get("type", ""))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "results": results,
            "result_types": [(key, label) for key, (_model, label) in RESULT_TYPES.items()],
        },
    )
