"""Project-wide public pages: about and the document library."""

from django.urls import path

from . import pages

app_name = "pages"

urlpatterns = [
    path("about/", pages.about, name="about"),
    path("documents/", pages.documents, name="documents"),
]
