"""How messages name things: places as officials write them, in the reader's
language."""

from django.utils.translation import get_language

_KIND_KM = {"khum": "ឃុំ", "sangkat": "សង្កាត់"}


def commune_title(commune) -> str:
    """«ឃុំក្រង់តេះ» in Khmer (the kind joined to the name, never twice),
    «Krang Teh» in English."""
    if (get_language() or "km").startswith("km"):
        prefix = _KIND_KM.get(commune.kind, "")
        name = commune.name_km
        if prefix and not name.startswith(prefix):
            name = prefix + name
        return name
    return commune.name_latin
