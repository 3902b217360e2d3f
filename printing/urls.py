from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("request/", views.job_request, name="request"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("batches/", views.batches, name="batches"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/zip/", views.batch_zip, name="batch-zip"),
]
