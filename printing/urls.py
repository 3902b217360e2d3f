from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "printing"
urlpatterns = [
    # The secretariat's page: recent batches and the form to launch one, at the
    # address README and DESIGN name; its earlier address still leads there.
    path("", views.batches, name="batches"),
    path(
        "batches/",
        RedirectView.as_view(pattern_name="printing:batches", permanent=True),
    ),
    path("request/", views.job_request, name="request"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/zip/", views.batch_zip, name="batch-zip"),
]
