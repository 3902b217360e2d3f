"""The reviewers' daily digest: what waits for their review in their scope.

Reviewers are told when something is submitted in their scope, but at most once a
day: the digest's once-only key is the day, so a second submission that day adds
nothing, and the next morning's digest (Celery beat) lists whatever still waits.
Each app says what waits through a `ReviewQueue` in its `notices.py`.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isaf.formatting import format_number

from . import audience, registry
from .services import absolute, notify


def waiting_for(user) -> list[registry.Waiting]:
    items: list[registry.Waiting] = []
    for queue in registry.queues_all():
        items.extend(queue.waiting(user))
    return items


def _users(provider=None, **_payload) -> list:
    candidates = (
        audience.reviewers_of_provider(provider)
        if provider is not None
        else audience.reviewers_all()
    )
    return [user for user in candidates if waiting_for(user)]


def _render(recipient, **_payload) -> registry.Notice:
    items = waiting_for(recipient)
    count = format_number(len(items))
    lines = [
        _("These submissions wait for your review:"),
        *(
            _("• %(item)s: %(link)s")
            % {"item": item.label, "link": absolute(item.path)}
            for item in items[:30]
        ),
    ]
    if len(items) > 30:
        lines.append(
            _("…and %(count)s more.") % {"count": format_number(len(items) - 30)}
        )
    from django.urls import reverse

    return registry.Notice(
        subject=_("Waiting for your review: %(count)s") % {"count": count},
        body="\n".join(lines),
        link=reverse("workspace"),
    )


def _occurrence(day=None, **_payload) -> str:
    return (day or timezone.localdate()).isoformat()


REVIEW_WAITING = registry.Event(
    key="review.waiting",
    label=gettext_lazy("Submissions wait for review (daily digest)"),
    users=_users,
    render=_render,
    occurrence=_occurrence,
)


def review_digest_all(*, day=None) -> int:
    """Every reviewer with something waiting gets today's digest (once a day)."""
    return len(notify("review.waiting", day=day or timezone.localdate()))
