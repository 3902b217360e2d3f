from django.urls import path

from . import views

# Outside the language prefix: Telegram posts here, at a secret path.
urlpatterns = [
    path("<str:secret>/", views.telegram_webhook, name="telegram-webhook"),
]
