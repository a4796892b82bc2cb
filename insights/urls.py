from django.urls import path

from insights import gap_map

urlpatterns = [
    path("gap-map/", gap_map.gap_map_page, name="gap_map"),
    path("gap-map.csv", gap_map.gap_map_csv, name="gap_map_csv"),
    path("gap-map.svg", gap_map.gap_map_svg, name="gap_map_svg"),
]
