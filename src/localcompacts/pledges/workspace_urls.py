from django.urls import path

from . import workspace_views as views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pledges/new/", views.new_pledge, name="new"),
    path("pledges/<int:pk>/", views.pledge_page, name="pledge"),
    path("pledges/<int:pk>/edit/<slug:step>/", views.edit, name="edit"),
    path("pledges/<int:pk>/quality/", views.live_quality, name="quality"),
    path("pledges/<int:pk>/propose-changes/", views.propose_changes, name="propose-changes"),
    path("pledges/<int:pk>/transition/<slug:action>/", views.transition, name="transition"),
    path("pledges/<int:pk>/comments/", views.comment, name="comment"),
    path("pledges/<int:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path(
        "pledges/<int:pk>/attachments/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path("review/", views.review, name="review"),
    path("review/<int:pk>/", views.review_item, name="review-item"),
    path("review/<int:pk>/comments/", views.comment, name="review-comment"),
]
