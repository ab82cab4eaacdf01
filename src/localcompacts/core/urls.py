from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    # The language switch has no prefix: it sets the cookie and returns to the page in the new language.
    path("i18n/setlang/", views.set_language, name="set_language"),
]
