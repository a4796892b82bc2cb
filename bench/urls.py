"""The portal's URLs plus a hello-world view: the floor any page is measured against."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello, name="bench_hello"), *portal_urlpatterns]
