from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class IsafConfig(AppConfig):
    name = "isaf"
    # The default for "isaf" in INSTALLED_APPS; AxesConfig below is named there.
    default = True
    verbose_name = _("I-SAF portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Apps say which addresses are their public pages in `<app>/pages.py`
        # (see `isaf.pages`); importing them here fills the registry in every
        # process (web, worker, command) without naming any app.
        autodiscover_modules("pages")
        # The check that private files are not under a served folder.
        from . import private_files  # noqa: F401

        # Every deploy migrates: pages stored by an older release are forgotten.
        post_migrate.connect(_release_check, sender=self)


def _release_check(sender, using, **kwargs):
    from .pages import pages_release_check

    if using == "default":
        pages_release_check()


class AxesConfig(AxesAppConfig):
    """django-axes, under a name the secretariat reads in the admin's list."""

    default = False
    verbose_name = _("Sign-in attempts")
