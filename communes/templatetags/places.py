"""`{% load places %}`: places named as officials write them (communes/naming.py).

``{{ unit|place_name }}`` names a model instance or a row in the page's language;
``{{ row|place_name:"district__" }}`` a related place of a row;
``{{ unit|place_name_km }}`` and ``{{ unit|place_name_latin }}`` one script;
``{{ unit.kind|place_kind }}`` the kind alone.
"""

from django import template

from communes import naming

register = template.Library()


def _get(place, name):
    return place.get(name) if isinstance(place, dict) else getattr(place, name, None)


@register.filter
def place_name(place, prefix=""):
    if place is None or place == "":
        return ""
    return naming.place_name(place, prefix=prefix or "")


@register.filter
def place_name_km(place):
    if place is None or place == "":
        return ""
    return naming.place_name_km(
        kind=_get(place, "kind") or "", name_km=_get(place, "name_km") or ""
    )


@register.filter
def place_name_latin(place):
    if place is None or place == "":
        return ""
    return naming.place_name_latin(
        kind=_get(place, "kind") or "", name_latin=_get(place, "name_latin") or ""
    )


@register.filter
def place_kind(kind):
    return naming.place_kind_label(kind)
