from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Home, about, the document library, the workspace and the commune page.

    The top floor of the house: it composes what the apps below it offer, through
    their selectors and services (DESIGN, "How the parts depend on each other").
    """

    name = "portal"
    verbose_name = _("Document library")
    default_auto_field = "django.db.models.BigAutoField"
