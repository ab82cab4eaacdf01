from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("partnerships.csv", views.partnerships_csv, name="csv"),
]
