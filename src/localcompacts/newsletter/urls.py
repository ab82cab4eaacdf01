from django.urls import path

from . import follow_views, views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("preferences/<str:token>/erase/", views.erase, name="erase"),
    path("preferences/<str:token>/my-data.json", views.export, name="export"),
    path("follow/", follow_views.follow, name="follow"),
    path("follow/confirm/<str:token>/", follow_views.follow_confirm, name="follow-confirm"),
    path(
        "follow/unsubscribe/<str:token>/",
        follow_views.follow_unsubscribe,
        name="follow-unsubscribe",
    ),
]
