"""The public review forum pages, under /forums/ and the `forums:` URL names.

They are served by explore because a forum's page composes the forum's records with the pledges
announced there, and pledges sit above forums. `config/urls.py` includes these routes and the
forums app's import page under the one `forums:` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("compare/", views.forum_compare, name="compare"),
    path("<slug:slug>/", views.forum_detail, name="detail"),
]
