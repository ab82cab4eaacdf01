from django.urls import path

from . import views
from .workspace import editor

app_name = "pledges"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("suggest/", views.suggest, name="suggest"),
    path("<int:pk>/", views.detail, name="detail-short"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        editor.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
