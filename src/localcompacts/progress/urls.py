from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("progress/", views.progress_overview, name="overview"),
    path("progress/reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("progress/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("workspace/progress/", views.my_reports, name="my-reports"),
    path("workspace/progress/pledges/<int:pledge_pk>/report/", views.report_new, name="report-new"),
    path("workspace/progress/reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("workspace/progress/review/", views.review_queue, name="review-queue"),
    path("workspace/progress/review/<int:pk>/", views.review_action, name="review-detail"),
    path(
        "workspace/progress/reports/<int:pk>/verification/",
        views.report_verification,
        name="report-verification",
    ),
    path("workspace/rounds/", views.round_list, name="round-list"),
    path("workspace/rounds/new/", views.round_new, name="round-new"),
    path("workspace/rounds/<int:pk>/", views.round_dashboard, name="round-dashboard"),
    path("workspace/rounds/<int:pk>/remind/", views.round_remind_overdue, name="round-remind"),
    path("workspace/stale/", views.stale_list, name="stale"),
]
