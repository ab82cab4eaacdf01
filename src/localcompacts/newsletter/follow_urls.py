""" "My follows" in the account (/accounts/follows/, the `follows:` names)."""

from django.urls import path

from . import follow_views

app_name = "follows"

urlpatterns = [
    path("", follow_views.my_follows, name="mine"),
    path("<int:pk>/stop/", follow_views.stop_mine, name="stop"),
]
