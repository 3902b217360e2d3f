from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = _("Places, providers and partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Apps describe the figures they keep from the records in
        # `<app>/refreshers.py` (see `communes.freshness`); importing them here
        # fills the registry in every process without naming any app.
        autodiscover_modules("refreshers")
