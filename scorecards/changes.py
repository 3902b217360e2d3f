"""What changed in a scorecard, old -> new, for the reviewer.

A scorecard returned by a reviewer and submitted again is compared with what the
reviewer saw when returning it (`ScorecardReturn`), so that only the changes since
the return are listed. A correction reopens a published scorecard; before
publishing it again the reviewer sees each figure that differs from the latest
published version, not just the new numbers. Indicators are matched by their
id, which the snapshot keeps (an indicator written on the day may share its
wording with another).
Words and numbers are in the language active when this runs (the page's).
"""

import datetime
from collections import Counter

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from isaf.formatting import format_date, format_number

from .models import Remark, Scorecard
from .results import SCALE
from .services.snapshots import scorecard_snapshot

EMPTY = "—"
PARTICIPANTS = ("female", "male", "youth", "disability", "minority", "id_poor")


def _latin() -> bool:
    return (get_language() or "km").startswith("en")


def _count(value) -> str:
    return EMPTY if value is None else format_number(value)


def _indicator_name(item: dict) -> str:
    if _latin():
        return item.get("name_en") or item.get("name_km") or ""
    return item.get("name_km") or item.get("name_en") or ""


def _village(village: dict | None) -> str:
    if not village:
        return EMPTY
    if _latin():
        return village.get("name_latin") or village.get("name_km") or EMPTY
    return village.get("name_km") or village.get("name_latin") or EMPTY


def _yes_no(value) -> str:
    if value is None:
        return EMPTY
    return pgettext("answer", "Yes") if value else pgettext("answer", "No")


def _row(item, field, old, new) -> dict:
    return {"item": str(item), "field": str(field), "old": old, "new": new}


def _setup_rows(before: dict, after: dict) -> list[dict]:
    rows = []
    if before.get("held_on") != after.get("held_on"):
        rows.append(
            _row(
                _("Setup"),
                _("Date"),
                format_date(_date(before.get("held_on"))) or EMPTY,
                format_date(_date(after.get("held_on"))) or EMPTY,
            )
        )
    if (before.get("village") or {}).get("code") != (after.get("village") or {}).get(
        "code"
    ):
        rows.append(
            _row(
                _("Setup"),
                _("Village"),
                _village(before.get("village")),
                _village(after.get("village")),
            )
        )
    old_people = before.get("participants") or {}
    new_people = after.get("participants") or {}
    for key in PARTICIPANTS:
        if old_people.get(key) != new_people.get(key):
            label = Scorecard._meta.get_field(f"attendance_{key}").verbose_name
            rows.append(
                _row(
                    _("Participants"),
                    label,
                    _count(old_people.get(key)),
                    _count(new_people.get(key)),
                )
            )
    return rows


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _indicator_rows(before: dict, after: dict) -> list[dict]:
    old_items = {item["id"]: item for item in before.get("indicators", [])}
    new_items = {item["id"]: item for item in after.get("indicators", [])}
    rows = []
    for pk in [*new_items, *(pk for pk in old_items if pk not in new_items)]:
        old, new = old_items.get(pk), new_items.get(pk)
        name = _indicator_name(new or old)
        old_votes = old["votes"] if old else [None] * 5
        new_votes = new["votes"] if new else [None] * 5
        for level in range(1, 6):
            if old_votes[level - 1] != new_votes[level - 1]:
                field = _("Votes for %(level)s (%(word)s)") % {
                    "level": format_number(level),
                    "word": SCALE[level],
                }
                rows.append(
                    _row(
                        name,
                        field,
                        _count(old_votes[level - 1]),
                        _count(new_votes[level - 1]),
                    )
                )
        old_selected = old.get("selected") if old else None
        new_selected = new.get("selected") if new else None
        if old_selected != new_selected:
            rows.append(
                _row(
                    name,
                    _("Selected"),
                    _yes_no(old_selected),
                    _yes_no(new_selected),
                )
            )
    return rows


def _remark_rows(before: dict, after: dict) -> list[dict]:
    """Remarks have no id: a remark removed or added shows as such."""
    old = Counter((r["kind"], r["text"]) for r in before.get("remarks", []))
    new = Counter((r["kind"], r["text"]) for r in after.get("remarks", []))
    rows = []
    for (kind, text), count in (old - new).items():
        rows += [_row(_("Remarks"), _kind(kind), text, EMPTY)] * count
    for (kind, text), count in (new - old).items():
        rows += [_row(_("Remarks"), _kind(kind), EMPTY, text)] * count
    return rows


def _kind(code: str) -> str:
    try:
        return str(Remark.Kind(code).label)
    except ValueError:
        return code


def _rows(before: dict, after: dict) -> list[dict]:
    return [
        *_setup_rows(before, after),
        *_indicator_rows(before, after),
        *_remark_rows(before, after),
    ]


def scorecard_changes(*, scorecard: Scorecard) -> dict | None:
    """What a reviewer sees changed in a scorecard that is not published.

    After a return (later than the latest publication), it is compared with what
    the reviewer saw when returning it, so that a resubmission shows only what
    changed since; else, under correction, with the latest published version.
    None when there is nothing to compare with (never published nor returned) or
    the scorecard is published as it is.
    """
    if scorecard.status == Scorecard.Status.PUBLISHED:
        return None
    published = scorecard.published_versions.order_by("-number").first()
    returned = scorecard.returns.order_by("-returned_at").first()
    after = scorecard_snapshot(scorecard)
    if returned and (
        published is None or returned.returned_at > published.published_at
    ):
        return {
            "basis": "returned",
            "returned_at": returned.returned_at,
            "rows": _rows(returned.snapshot, after),
        }
    if published is None:
        return None
    return {
        "basis": "published",
        "version": published.number,
        "rows": _rows(published.snapshot, after),
    }
