"""Where to hear a voice clip: addresses of the clips of indicators and of the
scale, for the public pages, the workspace and the field app.

Every address goes through `scorecards:clip`, which serves a public clip to
anyone and a private one only to people who may edit its scorecard.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from ..models import Clip, LibraryIndicator, Scorecard, ScorecardIndicator
from ..results import SCALE, Results


def clip_url(clip: Clip | None) -> str:
    if clip is None:
        return ""
    return reverse("scorecards:clip", kwargs={"token": clip.token})


def _token_url(token) -> str:
    return reverse("scorecards:clip", kwargs={"token": token})


def clip_url_for(indicator: LibraryIndicator | ScorecardIndicator) -> str:
    """The clip of a library indicator, or of an indicator on a scorecard (its
    library's clip, or its own when it was written on the day); "" when none.
    One query."""
    if isinstance(indicator, ScorecardIndicator):
        if indicator.library_indicator_id:
            owner = Q(library_indicator_id=indicator.library_indicator_id)
        else:
            owner = Q(scorecard_indicator_id=indicator.pk)
    else:
        owner = Q(library_indicator_id=indicator.pk)
    return clip_url(Clip.objects.filter(owner).only("token").first())


def library_clip_urls(indicator_ids: Iterable[int]) -> dict[int, str]:
    """{library indicator id: address} for those that have a clip (for the
    field app's reference data: one query for the whole library)."""
    return {
        indicator_id: _token_url(token)
        for indicator_id, token in Clip.objects.filter(
            library_indicator_id__in=list(indicator_ids)
        ).values_list("library_indicator_id", "token")
    }


def scale_clip_urls() -> dict[int, str]:
    """{score: address} for the scale points that have a clip. One query."""
    return {
        level: _token_url(token)
        for level, token in Clip.objects.filter(scale_level__isnull=False)
        .values_list("scale_level", "token")
        .order_by("scale_level")
    }


def clips_for_scorecard(scorecard: Scorecard) -> dict[int, str]:
    """{scorecard indicator id: address} for a scorecard's indicators that have
    a clip, their library's or their own (for the field app and the entry
    pages). One query."""
    indicators = list(
        scorecard.indicators.values_list("pk", "library_indicator_id", named=True)
    )
    library_ids = [i.library_indicator_id for i in indicators if i.library_indicator_id]
    clips = Clip.objects.filter(
        Q(library_indicator_id__in=library_ids)
        | Q(scorecard_indicator__scorecard=scorecard)
    ).values_list("token", "library_indicator_id", "scorecard_indicator_id")
    by_library, by_indicator = {}, {}
    for token, library_id, indicator_id in clips:
        if library_id:
            by_library[library_id] = _token_url(token)
        else:
            by_indicator[indicator_id] = _token_url(token)
    return {
        i.pk: (by_library.get(i.library_indicator_id) or by_indicator.get(i.pk))
        for i in indicators
        if by_library.get(i.library_indicator_id) or by_indicator.get(i.pk)
    }


@dataclass(frozen=True)
class ScaleClip:
    level: int
    word: object
    url: str


@dataclass
class PublicClips:
    """The public clips that pages of published results play."""

    by_key: dict[str, str]
    scale: list[ScaleClip]


def public_clips(snapshots: Iterable[dict]) -> PublicClips:
    """The public clips for the indicators of these published snapshots (by the
    results' indicator key) and for the scale. One query whatever their number."""
    codes, ids, key_of_id = set(), set(), {}
    for snapshot in snapshots:
        for indicator in snapshot["indicators"]:
            key = indicator["key"]
            if key.startswith("lib:"):
                codes.add(key[4:])
            else:
                ids.add(indicator["id"])
                key_of_id[indicator["id"]] = key
    rows = Clip.objects.filter(is_public=True).filter(
        Q(library_indicator__code__in=codes)
        | Q(scorecard_indicator_id__in=ids)
        | Q(scale_level__isnull=False)
    )
    by_key, scale = {}, {}
    for token, code, indicator_id, level in rows.values_list(
        "token", "library_indicator__code", "scorecard_indicator_id", "scale_level"
    ):
        if level:
            scale[level] = _token_url(token)
        elif code:
            by_key[f"lib:{code}"] = _token_url(token)
        elif indicator_id in key_of_id:
            by_key.setdefault(key_of_id[indicator_id], _token_url(token))
    return PublicClips(
        by_key=by_key,
        scale=[
            ScaleClip(level=level, word=SCALE[level], url=scale[level])
            for level in sorted(scale)
        ],
    )


def results_with_clips(results: Results, clips: PublicClips) -> Results:
    """Give each indicator of the results the address of its clip (or "")."""
    for item in results.indicators:
        item.clip_url = clips.by_key.get(item.key, "")
    return results
