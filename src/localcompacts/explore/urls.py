from django.urls import path

from . import views

app_name = "explore"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.world_map, name="map"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:name>.csv", views.statistics_csv, name="statistics-csv"),
]
