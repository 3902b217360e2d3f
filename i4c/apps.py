from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I4cConfig(AppConfig):
    name = "i4c"
    verbose_name = _("Information for Citizens (I4C)")
    default_auto_field = "django.db.models.BigAutoField"
