from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.saved_search_list, name="list"),
    path("save/", views.save_search, name="save"),
    path("<int:pk>/", views.saved_search_edit, name="edit"),
    path("<int:pk>/delete/", views.saved_search_delete, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
