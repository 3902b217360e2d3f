from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("map/", views.dashboard_map, name="map"),
    path("coverage/", views.dashboard_coverage, name="coverage"),
]
