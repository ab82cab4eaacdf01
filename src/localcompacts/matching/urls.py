from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("matching/", views.home, name="home"),
    path("matching/<int:pk>/", views.answer, name="answer"),
    path("matching/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("matching/partners/<int:pk>/", views.partner_needs_offers, name="partner-edit"),
    path("pledges/<int:pk>/needs-offers/", views.pledge_needs_offers, name="pledge-edit"),
    path("pledges/<int:pk>/lead-pledge/", views.pledge_contribution, name="pledge-contribution"),
    path(
        "pledges/<int:pk>/lead-pledge/<int:match_pk>/leave/",
        views.contribution_leave,
        name="contribution-leave",
    ),
]
