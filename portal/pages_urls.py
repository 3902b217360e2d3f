"""Project-wide public pages: about and the document library."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("documents/", views.documents, name="documents"),
]
