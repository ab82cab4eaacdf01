from django.urls import path

from . import views, workspace_views

app_name = "pledges"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.detail, name="detail-short"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        workspace_views.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
