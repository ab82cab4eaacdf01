from django.urls import path

from . import views

app_name = "pledges"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.detail, name="detail-short"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
