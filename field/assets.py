"""What the field app keeps on the phone (the app shell) and the words its
script shows, translated here so that the phone needs no catalogue of its own."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

STATIC_FILES = (
    "css/site.css",
    "scorecards/scorecards.css",
    "field/field.css",
    "field/store.js",
    "field/field.js",
    "fonts/noto-sans-khmer-khmer-400-normal.woff2",
    "fonts/noto-sans-khmer-khmer-700-normal.woff2",
    "fonts/noto-sans-khmer-latin-400-normal.woff2",
    "fonts/noto-sans-khmer-latin-700-normal.woff2",
    "field/icon-192.png",
)


def app_shell() -> list[str]:
    """The addresses the service worker stores when it installs: the page, its
    reference data and manifest, and the static files at their hashed names."""
    return [
        reverse("field:app"),
        reverse("field:reference"),
        reverse("field:manifest"),
        *(static(name) for name in STATIC_FILES),
    ]


def strings() -> dict[str, str]:
    return {
        "online": _("Online."),
        "offline": _("Offline: everything you type is kept on this phone."),
        "ready": _("Ready to work with no internet."),
        "not_ready": _("Not ready for offline work yet: open this page once online."),
        "no_worker": _("This browser cannot keep the app for offline work."),
        "waiting": _("Waiting to sync"),
        "draft": _("Being recorded"),
        "refused": _("Refused: fix it, then mark it ready again"),
        "saved": _("Saved in the portal"),
        "nothing_waiting": _("Nothing is waiting to sync."),
        "count_waiting": _("Meetings waiting to sync: %(count)s"),
        "count_refused": _("Refused, to fix and send again: %(count)s."),
        "syncing": _("Syncing…"),
        "sync_done": _("Sync finished: %(saved)s saved, %(refused)s refused."),
        "sync_failed": _(
            "The portal could not be reached. Your meetings are kept; try again later."
        ),
        "sync_offline": _("You are offline. Sync when you have internet again."),
        "untitled": _("Meeting not set up yet"),
        "open": pgettext("field app", "Open"),
        "remove": pgettext("field app", "Remove"),
        "remove_meeting": _("Delete this meeting from the phone?"),
        "choose": pgettext("field app", "Choose…"),
        "no_indicators": _("Add the indicators first: the votes grid appears here."),
        "votes_for": _("%(indicator)s: votes for score %(score)s"),
        "scorecard": _("Open the scorecard"),
        "self_assessment": _("Self-assessment"),
        "kept": _("Kept on this phone."),
    }
