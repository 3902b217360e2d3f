from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsafConfig(AppConfig):
    name = "isaf"
    # The default for "isaf" in INSTALLED_APPS; AxesConfig below is named there.
    default = True
    verbose_name = _("I-SAF portal")
    default_auto_field = "django.db.models.BigAutoField"


class AxesConfig(AxesAppConfig):
    """django-axes, under a name the secretariat reads in the admin's list."""

    default = False
    verbose_name = _("Sign-in attempts")
