from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notifications_home, name="home"),
    path("telegram/link/", views.telegram_link, name="telegram-link"),
    path("telegram/unlink/", views.telegram_unlink, name="telegram-unlink"),
]
