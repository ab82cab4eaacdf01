from django.urls import path

from . import feeds, views

app_name = "explore"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.world_map, name="map"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:name>.csv", views.statistics_csv, name="statistics-csv"),
    # Atom feeds (explore/feeds.py), advertised by `explore.context_processors.alternate_feeds`.
    path("feeds/pledges/", feeds.CatalogueFeed(), name="feed-catalogue"),
    path("feeds/governments/<slug:slug>/", feeds.GovernmentFeed(), name="feed-government"),
    path("feeds/objectives/<str:code>/", feeds.ObjectiveFeed(), name="feed-objective"),
    path("feeds/pledges/<int:pk>/progress/", feeds.PledgeProgressFeed(), name="feed-pledge"),
]
