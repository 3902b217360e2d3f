"""Test overrides, kept in one place. pytest loads this module (see pyproject)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Private files of tests that do not choose a folder go to a temporary one (shared
# with the Celery workers tests start), never the project's own.
os.environ.setdefault(
    "PRIVATE_MEDIA_ROOT",
    os.path.join(tempfile.gettempdir(), "isaf-tests-private"),
)

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
AXES_FAILURE_LIMIT = 5
# Serve static files from the app folders, as runserver does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each test process gets its own cache, emptied before every test (root conftest), so
# a figure cached by one test is never served to the next. Production uses Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
