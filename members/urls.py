from django.urls import path

from members.views import login

# Routes that replace other apps' views come first in portal/urls.py.
overrides = [
    path("admin/login/", login.to_allauth_login),
    path("_util/login/", login.to_allauth_login),
]

urlpatterns = []
