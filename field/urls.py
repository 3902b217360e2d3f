from django.urls import path

from . import views

app_name = "field"

urlpatterns = [
    path("", views.field_app, name="app"),
    path("sw.js", views.field_sw, name="sw"),
    path("manifest.webmanifest", views.field_manifest, name="manifest"),
    path("reference.json", views.field_reference, name="reference"),
    path("sync/", views.field_sync, name="sync"),
]
