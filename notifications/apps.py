from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Apps describe the events they raise in `<app>/notices.py` (see
        # `notifications.registry`); importing them here fills the registry in
        # every process (web, worker, command) without naming any app.
        autodiscover_modules("notices")
