"""The secretariat's forum import page, under /forums/<slug>/import/ (`forums:import`).

`config/urls.py` includes these routes and the public forum pages (`explore.forum_urls`) under the
one `forums:` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/import/", views.forum_import_page, name="import"),
]
