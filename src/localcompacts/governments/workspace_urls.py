from django.urls import path

from . import views

app_name = "endorsement_review"

urlpatterns = [
    path("", views.endorsement_queue, name="queue"),
    path("<int:pk>/verify/", views.endorsement_verify, name="verify"),
    path("<int:pk>/reject/", views.endorsement_reject, name="reject"),
]
