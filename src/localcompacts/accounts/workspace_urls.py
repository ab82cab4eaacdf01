from django.urls import path

from . import workspace

app_name = "secretariat"

urlpatterns = [
    path("secretariat/", workspace.home, name="secretariat"),
    path("requests/", workspace.request_list, name="requests"),
    path("requests/<int:pk>/", workspace.request_detail, name="request"),
    path("requests/<int:pk>/approve/", workspace.request_approve, name="request_approve"),
    path("requests/<int:pk>/decline/", workspace.request_decline, name="request_decline"),
    path("reviewers/invite/", workspace.invite_reviewer, name="invite_reviewer"),
]
