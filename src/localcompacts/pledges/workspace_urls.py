from django.urls import path

from localcompacts.core.workspace import home

from .workspace import editor, review

app_name = "workspace"

urlpatterns = [
    path("", home, name="home"),
    path("pledges/", editor.dashboard, name="dashboard"),
    path("pledges/new/", editor.new_pledge, name="new"),
    path("pledges/<int:pk>/", review.pledge_page, name="pledge"),
    path("pledges/<int:pk>/edit/<slug:step>/", editor.edit, name="edit"),
    path("pledges/<int:pk>/quality/", editor.live_quality, name="quality"),
    path("pledges/<int:pk>/propose-changes/", editor.propose_changes, name="propose-changes"),
    path("pledges/<int:pk>/transition/<slug:action>/", review.transition, name="transition"),
    path("pledges/<int:pk>/comments/", review.comment, name="comment"),
    path("pledges/<int:pk>/attachments/", editor.attachment_upload, name="attachment-upload"),
    path(
        "pledges/<int:pk>/attachments/<int:attachment_id>/delete/",
        editor.attachment_delete,
        name="attachment-delete",
    ),
    path("review/", review.review, name="review"),
    path("review/<int:pk>/", review.review_item, name="review-item"),
    path("review/<int:pk>/comments/", review.comment, name="review-comment"),
]
