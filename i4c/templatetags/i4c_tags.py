"""Small template helpers for I4C pages: names in the page language, changes and
national-standard verdicts."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from isaf.formatting import format_percent, format_riel

from ..labels import figure_text

register = template.Library()


@register.filter
def localname(item, field="name"):
    """`name_km` on Khmer pages, else `name_en` (or `name_latin`), from a dict."""
    if not item:
        return ""
    km = item.get(f"{field}_km") or ""
    other = item.get(f"{field}_en") or item.get(f"{field}_latin") or ""
    if (get_language() or "km").startswith("km"):
        return km or other
    return other or km


@register.filter
def signed_percent(value):
    """A year-on-year change: «+12%», «−3%», or nothing when not comparable."""
    if value is None:
        return ""
    text = format_percent(abs(value))
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"\u2212{text}"
    return text


@register.filter
def figure(value, unit=""):
    """A performance figure with its unit."""
    return figure_text(value, unit)


@register.filter
def verdict(meets):
    if meets is None:
        return _("no figure")
    return _("meets the standard") if meets else _("does not meet the standard")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def fee(value):
    """An official fee: «Free» for a service that costs nothing, not «0៛»."""
    if value is not None and value != "" and Decimal(str(value)) == 0:
        return _("Free")
    return format_riel(value)


@register.filter
def standard(item):
    """A national standard with its direction: «≥ 90%» (at least), «≤ 5%» (at
    most), so that a printed figure reads as a threshold."""
    if not item or item.get("standard") in (None, ""):
        return "—"
    sign = "≤" if item.get("comparison") == "at_most" else "≥"
    return f"{sign}\u00a0{figure(item['standard'], item.get('unit', ''))}"
