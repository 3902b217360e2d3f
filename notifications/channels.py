"""How a message leaves the portal: e-mail through Django's mail API, Telegram
through the Bot API over HTTPS. The portal's own list needs no delivery.

A delivery either returns (the message is out), raises `Undeliverable` (trying
again would not help: no address, a chat that blocked the bot), or raises any
other error, which the caller takes as "down for now" and retries later.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage

from .models import Message


class Undeliverable(Exception):
    """Trying again would not help."""


class TelegramDown(Exception):
    """The Bot API did not answer, or answered that it cannot take it now."""


def full_text(message: Message) -> str:
    parts = [message.body.strip()]
    if message.link:
        parts.append(message.link)
    return "\n\n".join(part for part in parts if part)


def email_deliver(message: Message) -> None:
    address = message.user.email if message.user_id else ""
    if not address:
        raise Undeliverable("The recipient has no e-mail address.")
    EmailMessage(
        subject=message.subject,
        body=full_text(message),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    ).send(fail_silently=False)


def telegram_call(method: str, payload: dict) -> dict:
    """One call of the Bot API; its JSON answer. Raises TelegramDown when it is
    away or busy, Undeliverable when it refuses for good (403 blocked, 400 bad chat)."""
    token = settings.TELEGRAM_BOT_TOKEN
    if not token:
        raise Undeliverable("No Telegram bot is configured (TELEGRAM_BOT_TOKEN).")
    url = f"{settings.TELEGRAM_API_URL.rstrip('/')}/bot{token}/{method}"
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(
            request, timeout=settings.TELEGRAM_TIMEOUT
        ) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        if error.code in (400, 403, 404):
            raise Undeliverable(f"Telegram refused: HTTP {error.code}") from None
        raise TelegramDown(f"Telegram answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise TelegramDown(f"Telegram is unreachable: {error}") from None


def telegram_deliver(message: Message) -> None:
    chat = message.chat_id
    if not chat and message.user_id:
        preference = getattr(message.user, "notification_preference", None)
        chat = preference.telegram_chat_id if preference else ""
    if not chat:
        raise Undeliverable("The recipient has no Telegram chat linked.")
    telegram_call(
        "sendMessage",
        {"chat_id": chat, "text": full_text(message), "disable_web_page_preview": True},
    )


DELIVER = {
    Message.Channel.EMAIL: email_deliver,
    Message.Channel.TELEGRAM: telegram_deliver,
}


def deliver(message: Message) -> None:
    if message.channel == Message.Channel.PORTAL:
        return
    DELIVER[message.channel](message)
