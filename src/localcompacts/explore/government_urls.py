"""The public government pages, under /governments/ and the `governments:` URL names.

They are served by explore because a government's profile composes several apps' data (pledges,
progress, forum participation, its place on the map), and those apps sit above `governments`."""

from django.urls import path

from . import views

app_name = "governments"

urlpatterns = [
    path("", views.government_list, name="list"),
    path("<slug:slug>/", views.government_detail, name="detail"),
]
