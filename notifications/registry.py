"""Which events people are told about, and how: the apps register, notifications sends.

`notifications` must not import the apps whose events it tells (i4c, scorecards,
printing): they stand on it or beside it. So each app describes its events in its
own ``<app>/notices.py`` module, which `notifications.apps` imports at start-up the
way the admin finds ``admin.py`` modules::

    event_register(
        Event(
            key="i4c.package_returned",
            label=_("A package was returned"),
            users=package_authors,        # (**payload) -> users to tell
            render=returned_notice,       # (recipient or None, **payload) -> Notice
            occurrence=lambda package, **_: f"{package.pk}:{package.version}",
        )
    )

and raises it in one line of its service, inside the transaction of the change:
``notify("i4c.package_returned", package=package)``. `render` runs in the
recipient's language (`translation.override`); `occurrence` names this happening
of the event, so that raising it again for the same happening sends nothing new.
An event with `communes` also reaches the Telegram chats that follow those
communes, in Khmer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class Notice:
    """What one recipient reads: a subject line, the text, and a link (a path on
    the portal, or a whole address)."""

    subject: str
    body: str
    link: str = ""


@dataclass(frozen=True)
class Event:
    key: str
    label: Promise | str
    render: Callable[..., Notice]
    occurrence: Callable[..., str]
    users: Callable[..., Iterable] = field(default=lambda **payload: ())
    # Commune codes whose Telegram followers hear of it (citizens).
    communes: Callable[..., Iterable[str]] | None = None
    # Telegram chats told directly (the bot's answer to the chat that wrote).
    chats: Callable[..., Iterable[str]] | None = None
    # Some messages go out whatever the user chose (an invitation, by e-mail).
    channels: tuple[str, ...] | None = None


class UnknownEvent(KeyError):
    pass


_events: dict[str, Event] = {}


def event_register(event: Event) -> None:
    """Register (or replace, so that re-importing a module is harmless) an event."""
    _events[event.key] = event


def event_get(key: str) -> Event:
    try:
        return _events[key]
    except KeyError:
        raise UnknownEvent(key) from None


def events_all() -> list[Event]:
    return list(_events.values())


@dataclass(frozen=True)
class Waiting:
    """One thing that waits for a reviewer: what it is and where to review it."""

    label: str
    path: str


@dataclass(frozen=True)
class ReviewQueue:
    """A kind of submission reviewers act on: (user) -> the items waiting for them,
    in their scope. The daily digest lists every registered queue."""

    key: str
    label: Promise | str
    waiting: Callable[[object], list[Waiting]]


_queues: dict[str, ReviewQueue] = {}


def queue_register(queue: ReviewQueue) -> None:
    _queues[queue.key] = queue


def queues_all() -> list[ReviewQueue]:
    return list(_queues.values())
