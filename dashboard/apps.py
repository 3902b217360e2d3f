from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers rather than calls in the other apps' services: the stage
        # table is the dashboard's own cache, and the apps it summarises must
        # not know about it (DESIGN.md: pages read the apps, not the reverse).
        from . import receivers

        receivers.connect()
