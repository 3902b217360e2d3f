from django.conf import settings
from django.urls import translate_url

# Each language is named in its own script, so a reader finds theirs at a glance.
LANGUAGE_LABELS = (("km", "ខ្មែរ"), ("en", "English"))


def site(request):
    """What every page's frame needs: the site address and the language switcher.

    The switcher's links keep the current page (and its query) in the other
    language, and need no JavaScript.
    """
    path = request.get_full_path()
    links = [
        (code, label, translate_url(path, code)) for code, label in LANGUAGE_LABELS
    ]
    return {"SITE_URL": settings.SITE_URL, "language_links": links}
