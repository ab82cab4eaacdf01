from django.urls import path

from . import views

app_name = "declaration"

urlpatterns = [
    path("", views.declaration, name="page"),
    path("endorse/", views.endorse, name="endorse"),
    path("endorsements/<int:pk>/", views.endorsement_detail, name="endorsement"),
    path("endorsements/<int:pk>/letter/", views.endorsement_letter, name="letter"),
    path("endorsements/<int:pk>/withdraw/", views.endorsement_withdraw, name="withdraw"),
]
