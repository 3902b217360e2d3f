"""The Telegram bot: what it does with what people write to it.

Officials tie their account to their chat with a one-time code from their
notifications page (``/start CODE``, which the t.me link sends for them).
Citizens need no account: ``/follow`` a commune by code or name (the board's
"Follow on Telegram" link sends ``/start f110401``), ``/stop`` to stop. The bot
answers in Khmer, through a message row like any other (`telegram.reply`), so an
answer waits if Telegram is down, and an update Telegram delivers twice is
answered once.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communes.models import Commune
from communes.naming import KIND_WORDS
from communes.selectors.places import (
    commune_code_from_query,
    place_code_normalise,
    place_search,
)
from isaf.audit import audit_record
from isaf.text import text_for_search

from .models import Follow, Preference
from .services import absolute, notify, preference_for
from .text import commune_title

LINK_CODE_LIFETIME = timedelta(hours=1)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
FOLLOW_PREFIX = "f"


def bot_link(start: str = "") -> str:
    """The t.me address of the bot, opening it with ``/start <start>``."""
    name = settings.TELEGRAM_BOT_USERNAME
    if not name:
        return ""
    return f"https://t.me/{name}" + (f"?start={start}" if start else "")


@transaction.atomic
def link_code_new(*, user) -> Preference:
    """A fresh one-time code for the user to send to the bot (valid one hour)."""
    preference = preference_for(user)
    preference.link_code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    preference.link_code_expires_at = timezone.now() + LINK_CODE_LIFETIME
    preference.save(update_fields=["link_code", "link_code_expires_at"])
    return preference


@transaction.atomic
def telegram_unlink(*, user) -> None:
    preference = preference_for(user)
    before = preference.telegram_chat_id
    preference.telegram_chat_id = ""
    preference.save(update_fields=["telegram_chat_id"])
    if before:
        audit_record(
            user=user,
            action="notifications.telegram.unlink",
            instance=preference,
            changes={"telegram_chat_id": [before, ""]},
        )


def _link(chat_id: str, code: str) -> str:
    preference = (
        Preference.objects.select_for_update()
        .filter(link_code=code.upper(), link_code_expires_at__gt=timezone.now())
        .select_related("user")
        .first()
    )
    if preference is None:
        return _(
            "This code is not valid or has expired. Make a new one on your "
            "notifications page in the portal."
        )
    before = preference.telegram_chat_id
    preference.telegram_chat_id = chat_id
    preference.link_code = ""
    preference.link_code_expires_at = None
    preference.save(
        update_fields=["telegram_chat_id", "link_code", "link_code_expires_at"]
    )
    audit_record(
        user=preference.user,
        action="notifications.telegram.link",
        instance=preference,
        changes={"telegram_chat_id": [before, chat_id]},
    )
    return _(
        "Your portal account %(username)s is now linked to this chat. You will "
        "get your notifications here."
    ) % {"username": preference.user.username}


QUERY_MAX = 100
CHOICES_MAX = 5


# «ឃុំក្រង់តេះ», «Krang Teh commune»: the kind as officials write it, around a name.
_KIND = "|".join(
    re.escape(word)
    for kind in ("khum", "sangkat")
    for word in (*KIND_WORDS[kind], kind)
)
_KIND_BEFORE = re.compile(rf"^(?:{_KIND})\s*", re.I)
_KIND_AFTER = re.compile(rf"\s+(?:{_KIND})$", re.I)


def _bare_name(query: str) -> str:
    return _KIND_AFTER.sub("", _KIND_BEFORE.sub("", query)).strip() or query


def _commune_matches(query: str) -> list:
    return [m for m in place_search(query=query, limit=20) if m.level == "commune"]


def _find_communes(query: str) -> list[Commune]:
    """The commune a query names: one when it is a commune's code, or the only
    commune (or the only whole-name match) the finder gives; several to choose
    from; none for a code that is not a commune's (a district's «1104»)."""
    code = commune_code_from_query(query=query)
    if code:
        return [Commune.objects.select_related("district__province").get(pk=code)]
    if place_code_normalise(code=query).isdigit():
        return []
    matches = _commune_matches(query)
    if not matches and _bare_name(query) != query:
        matches = _commune_matches(_bare_name(query))
    whole = [m for m in matches if m.rank == 0]
    if len(whole) == 1:
        return [whole[0].unit]
    return [m.unit for m in matches]


def _follow(chat_id: str, query: str) -> str:
    query = query.strip()[:QUERY_MAX]
    if not query:
        return _(
            "Send /follow and the commune's name or code, for example: /follow 110401"
        )
    communes = _find_communes(query)
    if not communes:
        return _(
            "No commune matches “%(query)s”. Send its six-digit code, for "
            "example: /follow 110401"
        ) % {"query": query[:60]}
    if len(communes) > 1:
        return "\n".join(
            [
                _("Several communes match “%(query)s”. Send one of:")
                % {"query": query[:60]}
            ]
            + [
                f"/follow {c.code} · {commune_title(c)}, "
                f"{c.district.official_name}, {c.district.province.official_name}"
                for c in communes[:CHOICES_MAX]
            ]
        )
    commune = communes[0]
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(chat_id=chat_id, commune=commune)
    except IntegrityError:
        pass
    board = absolute(reverse("communes:detail", args=[commune.code]))
    return (
        _(
            "You now follow %(commune)s. When it publishes its information board or "
            "a scorecard, you will get a message here. Send /stop to stop."
        )
        % {"commune": commune_title(commune)}
        + f"\n{board}"
    )


def _stop(chat_id: str) -> str:
    deleted, _rows = Follow.objects.filter(chat_id=chat_id).delete()
    if not deleted:
        return _("You follow no commune.")
    return _(
        "You will get no more messages about communes. Send /follow to "
        "follow one again."
    )


def _help() -> str:
    return _(
        "This is the I-SAF portal's bot. Send /follow and a commune's name or code "
        "to hear when it publishes its information board; /stop to stop. Officials "
        "link their account from their notifications page in the portal."
    )


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?\s*(.*)$", re.S)


def _answer(chat_id: str, text: str) -> str:
    match = _COMMAND.match(text.strip())
    if not match:
        return _help()
    command, argument = match.group(1).lower(), match.group(2).strip()
    if (
        command == "start"
        and argument.startswith(FOLLOW_PREFIX)
        and argument[1:].isdigit()
    ):
        return _follow(chat_id, argument[1:])
    if command in ("start", "link") and argument:
        return _link(chat_id, argument)
    if command == "follow":
        return _follow(chat_id, argument)
    if command == "stop":
        return _stop(chat_id)
    return _help()


def _is_id(value) -> bool:
    # Telegram's ids are integers (bool is an int to Python, not to Telegram).
    return isinstance(value, int) and not isinstance(value, bool)


def _update_parse(update: dict) -> tuple[int, str, str] | None:
    """(update id, chat id, text) of a text message, or None for anything else:
    other kinds of update, and shapes Telegram never sends, are ignored."""
    message = update.get("message") or update.get("edited_message")
    if not isinstance(message, dict) or not isinstance(message.get("chat"), dict):
        return None
    chat, text = message["chat"].get("id"), message.get("text")
    update_id = update.get("update_id")
    if not (_is_id(chat) and _is_id(update_id) and isinstance(text, str)):
        return None
    # No database stores a NUL or a lone surrogate; nobody means one.
    text = text_for_search(text)
    return (update_id, str(chat), text) if text.strip() else None


@transaction.atomic
def update_handle(update: dict) -> str | None:
    """Act on one update from Telegram and queue the answer; returns the answer."""
    parsed = _update_parse(update)
    if parsed is None:
        return None
    update_id, chat_id, text = parsed
    with translation.override("km"):
        answer = _answer(chat_id, text)
    notify("telegram.reply", chat_id=chat_id, update_id=update_id, text=answer)
    return answer
