from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from members.urls import overrides as member_overrides
from portal.api import api_router
from portal.documents import document_link
from portal.health import healthz
from resources import calendar_views, registration_views
from resources.compare import compare_view
from resources.views import practice_list
from search.views import search_view, suggest_view

urlpatterns = [
    *member_overrides,
    path("healthz", healthz, name="healthz"),
    # No CSRF token: a token in every page's switcher would keep pages out of the anonymous page
    # cache and make each render differ; choosing a language changes nothing but the interface.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/saved-searches/", include("alerts.urls")),
    path("accounts/", include("allauth.urls")),
    path("documents/<int:document_id>/", document_link, name="document_link"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_view, name="search"),
    path("search/suggest/", suggest_view, name="search_suggest"),
    path("insights/", include("insights.urls")),
    path("", include("members.urls")),
    path("practices/", practice_list, name="practice_list"),
    path("practices/compare/", compare_view, name="practice_compare"),
    path("events/<int:page_id>/register/", registration_views.register, name="event_register"),
    path("events/<int:page_id>/cancel/", registration_views.cancel, name="event_cancel"),
    path("events/<int:page_id>/registrations/", registration_views.registration_list, name="event_registrations"),
    path("events/<int:page_id>/registrations.csv", registration_views.registration_csv, name="event_registrations_csv"),
    # Feeds, sitemap.xml and robots.txt (public content only).
    path("", include("resources.discovery_urls")),
    # Events in calendars (before Wagtail's catch-all, which serves /events/<slug>/).
    path("events/calendar/", calendar_views.event_calendar, name="event_calendar"),
    path("events/feed.ics", calendar_views.public_feed, name="events_feed"),
    path("events/feed/<str:token>.ics", calendar_views.personal_feed, name="events_personal_feed"),
    path("events/<int:page_id>.ics", calendar_views.event_ics, name="event_ics"),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Only images are served from media: documents always go through
    # /documents/, which checks who may download them.
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")
    urlpatterns += static(
        f"{settings.MEDIA_URL}original_images/", document_root=settings.MEDIA_ROOT / "original_images"
    )

urlpatterns += [path("", include(wagtail_urls))]

# A database out of reach answers 503 with Retry-After, any other error Django's 500 page.
handler500 = "portal.errors.server_error"
