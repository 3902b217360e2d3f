from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "printing"
    verbose_name = _("Posters and booklets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Apps describe their printable documents in `<app>/posters.py`; importing
        # them here fills the registry in every process (web, worker, command)
        # without `printing` importing any app by name.
        autodiscover_modules("posters")
