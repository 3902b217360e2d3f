"""What printed documents share: the full address of a page in one language, the
record a print target names, and the places a sheet names.

Floor 0: imports Django only, no app.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import translation


def site_url(lang: str, name: str, *args) -> str:
    """The full address of the page `name` in language `lang`, for a QR code or
    a printed link."""
    with translation.override(lang):
        path = reverse(name, args=args)
    return settings.SITE_URL.rstrip("/") + path


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def is_local_address(url: str) -> bool:
    """Whether `url` points at the machine it was made on (a development
    SITE_URL): a QR code to it opens nothing on a citizen's phone."""
    host = urlsplit(url).hostname or ""
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def local_host(url: str) -> str:
    """The host (and port) of `url` when it is a local address, else ""."""
    return urlsplit(url).netloc if is_local_address(url) else ""


def record_for_target(queryset: QuerySet, target: str) -> Model | None:
    """The record a print target (its primary key as text) names, or None when
    the target is not a number or names nothing."""
    try:
        pk = int(target)
    except (TypeError, ValueError):
        return None
    return queryset.filter(pk=pk).first()


def place_context(commune) -> dict:
    """A commune with its district and province, as a printed sheet names them."""
    return {
        "commune": commune,
        "district": commune.district,
        "province": commune.district.province,
    }
