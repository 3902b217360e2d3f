"""Khmer text helpers: digits and the normalisation used by search.

Names are stored exactly as their source gives them; only the search keys and the
user's query pass through normalise_for_search, so both sides are compared alike.
"""

import re
import unicodedata

KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
_TO_ASCII = str.maketrans(KHMER_DIGITS, "0123456789")
_TO_KHMER = str.maketrans("0123456789", KHMER_DIGITS)

COENG = "\u17d2"
TA = "\u178f"
DA = "\u178a"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")
# A dependent vowel typed before a subscript consonant; Unicode order puts the
# subscript first, and some source names carry the other order.
_VOWEL_BEFORE_COENG = re.compile("([\u17b6-\u17c5])(\u17d2[\u1780-\u17a2])")


def to_ascii_digits(text: str) -> str:
    """Khmer digits to ASCII, leaving everything else alone."""
    return text.translate(_TO_ASCII)


def to_khmer_digits(text: str) -> str:
    """ASCII digits to Khmer, leaving everything else alone."""
    return text.translate(_TO_KHMER)


def normalise_for_search(text: str) -> str:
    """The key on which names and queries are compared.

    Drops zero-width characters, treats subscript DA and subscript TA alike (both
    spellings of «កណ្ដាល / កណ្តាល» are in use), maps Khmer digits to ASCII, folds
    Latin case and accents, and removes spaces altogether: people type «ក្រង់ តេះ»
    and «Krangteh» as often as the official forms.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _VOWEL_BEFORE_COENG.sub(r"\2\1", text)
    text = text.replace(COENG + DA, COENG + TA)
    text = to_ascii_digits(text)
    # Fold Latin accents (UNGEGN romanisations carry them) but leave Khmer intact:
    # NFKD would not split Khmer clusters, and only combining marks are dropped.
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(
        ch for ch in decomposed if not (unicodedata.combining(ch) and ord(ch) < 0x1780)
    )
    text = unicodedata.normalize("NFC", text).casefold()
    text = _SPACES.sub("", text)
    return re.sub(r"[-'’.]", "", text)
