from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("compare/", views.forum_compare, name="compare"),
    path("<slug:slug>/", views.forum_detail, name="detail"),
    path("<slug:slug>/import/", views.forum_import_page, name="import"),
]
