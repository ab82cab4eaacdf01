from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("request/", views.publication_request_view, name="request"),
    path("<int:pk>/", views.publication_status, name="status"),
    path("<int:pk>/progress/", views.publication_progress, name="progress"),
    path("<int:pk>/report/", views.publication_html, name="html"),
    path("<int:pk>/download/", views.publication_download, name="download"),
    path("export/pledges.<str:fmt>", views.export_pledges, name="export"),
    path("data-dictionary/", views.data_dictionary, name="data-dictionary"),
    path("data-dictionary.csv", views.data_dictionary_csv, name="data-dictionary-csv"),
    path("open-data.zip", views.open_data, name="open-data"),
    path("import/", views.import_view, name="import"),
    path("import/jobs/<int:pk>/", views.import_job_view, name="import-job"),
    path("import/jobs/<int:pk>/progress/", views.import_job_progress, name="import-job-progress"),
]
