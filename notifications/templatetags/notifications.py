from django import template
from django.conf import settings

from isaf.qr import qr_svg

from ..telegram import FOLLOW_PREFIX, bot_link

register = template.Library()


@register.inclusion_tag("notifications/includes/_follow.html")
def telegram_follow(commune):
    """The board's "Follow on Telegram" link and QR code (nothing when no bot is
    configured): the link opens the bot with ``/start f<code>``, which follows."""
    link = bot_link(f"{FOLLOW_PREFIX}{commune.code}")
    return {
        "commune": commune,
        "link": link,
        "qr": qr_svg(link) if link else "",
        "bot": settings.TELEGRAM_BOT_USERNAME,
    }


@register.simple_tag
def telegram_follow_link(commune) -> str:
    """The bare t.me address that follows `commune` (for posters), or ""."""
    return bot_link(f"{FOLLOW_PREFIX}{commune.code}")
