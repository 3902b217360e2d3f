"""The portal's addresses plus `/media/` served as a folder, as `isaf/urls.py`
does with DEBUG on (and as a careless web server might in production): for
tests that prove private files are not under MEDIA_ROOT."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from isaf.urls import urlpatterns as portal


def media(request, path):
    # The view `static()` adds, reading MEDIA_ROOT at request time (tests move it).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *portal,
    re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), media),
]
