"""Results of a provider's scorecards in a cycle, built from published snapshots.

The public reads what was published, never rows being corrected, so these
functions take the JSON snapshots of the latest published versions. They do no
database work: the selectors fetch, these functions compute, and a page's query
count does not grow with the number of indicators or groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .scoring import ScoreSummary, add_counts, score_summary

# The scale's words are the programme's fixed terms (DESIGN.md, GLOSSARY.md), the
# same on every page, poster and export, so they are written here in both
# languages rather than left to the translation catalogue.
SCALE_WORDS = {
    1: ("មិនពេញចិត្តខ្លាំង", "very bad"),
    2: ("មិនពេញចិត្ត", "bad"),
    3: ("ទទួលយកបាន", "acceptable"),
    4: ("ពេញចិត្ត", "good"),
    5: ("ពេញចិត្តខ្លាំង", "very good"),
}


class _ScaleWord:
    """A scale word that reads in the language active when it is shown."""

    def __init__(self, level: int):
        self.level = level

    def __str__(self) -> str:
        km, en = SCALE_WORDS[self.level]
        return en if (get_language() or "km").startswith("en") else km

    def __html__(self) -> str:
        from django.utils.html import escape

        return escape(str(self))


SCALE = {level: _ScaleWord(level) for level in SCALE_WORDS}
# Faces for people who read numbers and words less easily. Each is shown with
# the scale's words beside it, so the emoji is decoration for screen readers.
FACES = {1: "😠", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
GROUP_ORDER = ("women", "men", "youth", "vulnerable", "mixed")
GROUP_LABELS = {
    "women": _("women"),
    "men": _("men"),
    "youth": _("youth"),
    "vulnerable": _("vulnerable groups"),
    "mixed": _("mixed group"),
    "provider": _("service provider staff"),
}


def scale_word(level: int | None) -> str:
    return str(SCALE[level]) if level else ""


def scale_face(level: int | None) -> str:
    return FACES.get(level, "") if level else ""


@dataclass
class Cell:
    """One summary shown on the page: a median with its word and face."""

    summary: ScoreSummary

    @property
    def median(self):
        return self.summary.median

    @property
    def mean(self):
        return self.summary.mean

    @property
    def total(self):
        return self.summary.total

    @property
    def level(self):
        return self.summary.level

    @property
    def word(self) -> str:
        return scale_word(self.summary.level)

    @property
    def face(self) -> str:
        return scale_face(self.summary.level)


@dataclass
class IndicatorResult:
    key: str
    name_km: str
    name_en: str
    community: Cell
    self_assessment: Cell | None
    groups: list[tuple[str, Cell | None]] = field(default_factory=list)
    # The address of the indicator's public voice clip, "" when none
    # (`scorecards.selectors.audio.results_with_clips`).
    clip_url: str = ""

    @property
    def name(self) -> str:
        if (get_language() or "km").startswith("en") and self.name_en:
            return self.name_en
        return self.name_km or self.name_en


@dataclass
class GroupInfo:
    code: str
    label: str
    female: int = 0
    male: int = 0
    youth: int = 0
    disability: int = 0
    minority: int = 0
    id_poor: int = 0
    villages: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.female + self.male


@dataclass
class Results:
    groups: list[GroupInfo]
    indicators: list[IndicatorResult]
    remarks: dict[str, list[str]]
    has_self_assessment: bool
    dates: list[str]


def results_from_snapshots(snapshots: list[dict]) -> Results:
    """Bring the groups' and the provider's published scorecards together.

    Indicators are matched by key (library code, or the normalised wording of one
    written on the day); only selected indicators are scored. The community
    result adds every group's votes before taking the median.
    """
    order: list[str] = []
    names: dict[str, tuple[str, str]] = {}
    community: dict[str, dict[str, list]] = {}
    own: dict[str, list] = {}
    groups: dict[str, GroupInfo] = {}
    remarks: dict[str, list[str]] = {"strength": [], "weakness": [], "suggestion": []}
    dates = set()
    for snapshot in snapshots:
        dates.add(snapshot["held_on"])
        is_community = snapshot["kind"] == "community"
        group = snapshot["group"]
        if is_community:
            info = groups.setdefault(
                group, GroupInfo(group, str(GROUP_LABELS.get(group, group)))
            )
            people = snapshot.get("participants", {})
            for name in (
                "female",
                "male",
                "youth",
                "disability",
                "minority",
                "id_poor",
            ):
                setattr(info, name, getattr(info, name) + int(people.get(name, 0)))
            village = snapshot.get("village")
            if village and village["name_km"] not in info.villages:
                info.villages.append(village["name_km"])
            for remark in snapshot.get("remarks", []):
                said = remarks.setdefault(remark["kind"], [])
                # Two groups often say the same thing; the page says it once.
                if remark["text"] not in said:
                    said.append(remark["text"])
        for item in snapshot["indicators"]:
            if not item.get("selected", True):
                continue
            key = item["key"]
            if key not in names:
                order.append(key)
                names[key] = (item["name_km"], item.get("name_en", ""))
            if is_community:
                community.setdefault(key, {}).setdefault(group, []).append(
                    item["votes"]
                )
            else:
                own.setdefault(key, []).append(item["votes"])
    group_codes = sorted(
        groups, key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else 99
    )
    # Indicators the community scored come first, in the order they were raised;
    # ones only the provider scored follow.
    order.sort(key=lambda key: 0 if key in community else 1)
    indicators = []
    for key in order:
        by_group = community.get(key, {})
        all_votes = [votes for rows in by_group.values() for votes in rows]
        indicators.append(
            IndicatorResult(
                key=key,
                name_km=names[key][0],
                name_en=names[key][1],
                community=Cell(score_summary(add_counts(*all_votes))),
                self_assessment=(
                    Cell(score_summary(add_counts(*own[key]))) if key in own else None
                ),
                groups=[
                    (
                        code,
                        Cell(score_summary(add_counts(*by_group[code])))
                        if code in by_group
                        else None,
                    )
                    for code in group_codes
                ],
            )
        )
    return Results(
        groups=[groups[code] for code in group_codes],
        indicators=indicators,
        remarks={k: v for k, v in remarks.items() if v},
        has_self_assessment=bool(own),
        dates=sorted(dates),
    )
