from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsafConfig(AppConfig):
    name = "isaf"
    verbose_name = _("I-SAF portal")
    default_auto_field = "django.db.models.BigAutoField"
