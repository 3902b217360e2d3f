"""How close a place's name is to what someone typed: the finder's ranking among
equal matches, and its "did you mean" suggestions for a misspelled name
(«Sen Monorom» for ក្រុងសែនមនោរម្យ, «ក្រងតេះ» for ឃុំក្រង់តេះ).

On PostgreSQL this is pg_trgm's similarity, over the Khmer or the Latin part of
the normalised `search_key` («|ក្រង់តេះ|krangteh|»), each with a GIN trigram
index (migration communes 0003), so a suggestion is one indexed query. On SQLite
(`make run` without a database) the same trigram similarity is computed in
Python over the names of provinces, districts and communes (about 1,900): a
bounded scan, fine for a demo.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import CharField, F, FloatField, Func, IntegerField, Value
from django.db.models.expressions import Expression

# A part of `search_key`: 2 is the Khmer name, 3 the Latin name.
KHMER_PART = 2
LATIN_PART = 3
_KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")

# How close is close enough is pg_trgm's own `%` threshold (0.3 by default),
# which its index serves as it is; the Python fallback uses the same.
PYTHON_THRESHOLD = 0.3
# Below this many characters trigrams say little about a name.
SUGGEST_MIN_LENGTH = 3
# A query with this many matches or more is a name's beginning, not a misspelling.
SUGGEST_WHEN_FEWER_THAN = 10
# Suggestions name places people look for: communes and the units above them
# first; villages only when none of those comes close.
SUGGEST_LEVELS = ("province", "district", "commune")


def has_trigrams() -> bool:
    return connection.vendor == "postgresql"


def name_part_for(key: str) -> int:
    """Which name a (normalised) query is compared with: the one in its script."""
    return KHMER_PART if _KHMER.search(key) else LATIN_PART


class NamePart(Func):
    """split_part(search_key, '|', n): one normalised name of a place; written
    as the trigram indexes are, so the planner uses them."""

    function = "split_part"
    output_field = CharField()

    def __init__(self, part: int, **extra):
        super().__init__(F("search_key"), Value("|"), Value(part), **extra)


def similarity_of(key: str) -> Expression:
    """An expression giving each place's similarity to `key` (0 on SQLite, and
    for codes, which are ranked by their digits)."""
    if (
        not has_trigrams()
        or len(key) < SUGGEST_MIN_LENGTH
        or (key.isascii() and key.isdigit())
    ):
        return Value(0.0, output_field=FloatField())
    return TrigramSimilarity(NamePart(name_part_for(key)), key)


def trigrams(word: str) -> set[str]:
    """A normalised name's trigrams as pg_trgm counts them: two spaces before,
    one after (a search key's name has no spaces left to split it)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity in Python: shared trigrams over all trigrams."""
    left, right = trigrams(a), trigrams(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def similar_in_python(key: str, names: list[tuple[str, str]], limit: int) -> list:
    """(score, code) of the names closest to `key`, best first, for databases
    without pg_trgm: the same trigram similarity and threshold, in Python."""
    part = name_part_for(key) - 1
    wanted = trigrams(key)
    scored = []
    for code, search_key in names:
        name = (search_key.split("|") + ["", "", ""])[part]
        if not name:
            continue
        theirs = trigrams(name)
        score = len(wanted & theirs) / len(wanted | theirs)
        if score >= PYTHON_THRESHOLD:
            scored.append((score, code))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored[:limit]


def suggested_rows(*, key: str, limit: int, models) -> list[tuple[str, int, float]]:
    """(code, level position, score) of the places whose name is closest to
    `key`, best first; communes and the units above them before any village.
    `models` are the finder's (level, model, parents), in level order."""
    if not has_trigrams():
        return _suggested_rows_in_python(key, limit, models)
    part = name_part_for(key)
    suggested = None
    for position, (level, model, _parents) in enumerate(models):
        queryset = (
            model.objects.order_by()
            .annotate(name_part=NamePart(part))
            .filter(name_part__trigram_similar=key)
            .annotate(
                level=Value(position, output_field=IntegerField()),
                tier=Value(
                    0 if level in SUGGEST_LEVELS else 1, output_field=IntegerField()
                ),
                score=similarity_of(key),
            )
            .values_list("code", "level", "score", "tier")
        )
        suggested = (
            queryset if suggested is None else suggested.union(queryset, all=True)
        )
    rows = suggested.order_by("tier", "-score", "level", "code")[:limit]
    return [(code, level, score) for code, level, score, _tier in rows]


def _suggested_rows_in_python(key: str, limit: int, models) -> list:
    """The same without pg_trgm: trigrams in Python over provinces, districts
    and communes (about 1,900 names; villages are left out to keep it bounded)."""
    scored = []
    for position, (level, model, _parents) in enumerate(models):
        if level not in SUGGEST_LEVELS:
            continue
        names = list(model.objects.order_by().values_list("code", "search_key"))
        for score, code in similar_in_python(key, names, limit):
            scored.append((-score, position, code))
    scored.sort()
    return [(code, position, -score) for score, position, code in scored[:limit]]
