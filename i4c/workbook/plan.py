"""What a checked workbook would change: scope, stale rows, and the changes.

The plan compares each provider's sections as read with what the portal holds
(`content.py`), in the same comparable form, so only sections that really
differ are saved: an unchanged workbook changes nothing, not even a version.
It refuses, by sheet and row, a provider the uploader may not author, a
package under review, and a section saved on the portal after the workbook was
downloaded (the workbook carries the version each package was read at, as a
form does). Nothing here writes; `services.workbook` applies a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from communes import scopes
from communes.models import ServiceProvider, Village
from isaf.formatting import format_number

from ..labels import FIELD_LABELS, SIDE_LABELS, item_label
from ..models import NationalStandard, Package
from ..sections import SECTIONS_BY_KEY
from ..selectors.changes import display
from ..services.section_edits import is_blank
from .content import Current, contents_load
from .reader import CellError, Parsed

PREVIEW_LIMIT = 3000


@dataclass
class ProviderChange:
    current: Current
    read_version: int
    # The package written, once the import has started it (if it was new).
    package_id: int | None = None
    # The changed sections: key -> the rows for `package_section_save`.
    sections: dict[str, list[dict]] = field(default_factory=dict)
    # What changes, for the audit trail: {"section|item|measure": [old, new]}.
    audit: dict[str, list] = field(default_factory=dict)

    @property
    def provider(self) -> ServiceProvider:
        return self.current.provider


@dataclass
class Plan:
    year: int | None
    rows: int
    changes: list[ProviderChange] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> int:
        """Sections of providers that change (a row of a fixed-lines sheet, or
        a provider's lines in a sheet of free lines)."""
        return sum(len(change.sections) for change in self.changes)


def canonical(content: str, rows: list[dict]) -> tuple:
    """Section rows as `content.section_content` shows them once stored: the
    rules of `services.section_edits` (blank lines skipped, a missing count of
    a pair stored as 0)."""
    if content == "budget":
        return tuple(
            sorted(
                (r["side"], r["category"], r.get("planned"), r.get("actual"))
                for r in rows
                if not is_blank(r, ("planned", "actual"))
            )
        )
    if content == "projects":
        return tuple(
            (
                r["name"],
                r["sector"],
                r["village"].code if r.get("village") else None,
                r["cost"],
                r["funding"],
                r["status"],
            )
            for r in rows
            if not is_blank(r, ("name", "cost"))
        )
    if content == "fees":
        return tuple(
            (
                r["service"],
                r["fee"],
                r.get("processing_time") or "",
                r.get("exemptions") or "",
            )
            for r in rows
            if not is_blank(r, ("service", "fee"))
        )
    if content == "hours":
        return tuple(
            (r["service"], r.get("hours") or "", bool(r.get("is_24_hour")))
            for r in rows
            if not is_blank(r, ("service", "hours", "is_24_hour"))
        )
    if content in ("staff", "enrolment"):
        key = "category" if content == "staff" else "grade"
        return tuple(
            sorted(
                (r[key], r.get("female") or 0, r.get("male") or 0)
                for r in rows
                if not is_blank(r, ("female", "male"))
            )
        )
    if content == "performance":
        return tuple(
            sorted(
                (r["code"], r.get("value"), r.get("target"))
                for r in rows
                if not is_blank(r, ("value", "target"))
            )
        )
    if content == "facts":
        row = rows[0] if rows else {}
        return (row.get("classrooms"), row.get("no_informal_fees"))
    raise ValueError(content)


def _kept_figures(rows: list[dict], current: tuple) -> list[dict]:
    """Figures of standards no longer in use are not in the workbook: keep them."""
    shown = {r["code"] for r in rows}
    return rows + [
        {"code": code, "value": value, "target": target}
        for code, value, target in current
        if code not in shown
    ]


def _entries(content: str, section: tuple) -> dict:
    """A section's figures by (item, measure), for the preview."""
    entries = {}
    if content == "budget":
        for side, category, planned, actual in section:
            entries[(f"{side}:{category}", "planned")] = planned
            entries[(f"{side}:{category}", "actual")] = actual
    elif content in ("staff", "enrolment", "performance"):
        measures = (
            ("value", "target") if content == "performance" else ("female", "male")
        )
        for line, first, second in section:
            entries[(str(line), measures[0])] = first
            entries[(str(line), measures[1])] = second
    elif content == "facts":
        entries[("classrooms", "value")] = section[0]
        entries[("no_informal_fees", "value")] = section[1]
    else:
        fields = {
            "projects": ("name", "sector", "village_code", "cost", "funding", "status"),
            "fees": ("service", "fee", "processing_time", "exemptions"),
            "hours": ("service", "hours", "is_24_hour"),
        }[content]
        for position, line in enumerate(section, start=1):
            for name, value in zip(fields, line, strict=True):
                entries[(str(position), name)] = value
    return entries


def _preview(
    plan: Plan, change: ProviderChange, key: str, old: tuple, new: tuple, names
) -> None:
    section = SECTIONS_BY_KEY[key]
    content = section.content
    before, after = _entries(content, old), _entries(content, new)
    label = str(section.label)
    for item_key in [*after, *(k for k in before if k not in after)]:
        was, now = before.get(item_key), after.get(item_key)
        if was == now:
            continue
        item, measure = item_key
        change.audit[f"{key}|{item}|{measure}"] = [was, now]
        if len(plan.preview) >= PREVIEW_LIMIT:
            continue
        if content in ("projects", "fees", "hours"):
            item_text = _("Line %(n)s") % {"n": format_number(int(item))}
        elif content == "facts":
            item_text, measure = str(item_label("facts", item)), "value"
        else:
            item_text = str(item_label(content, item, standards=names["standards"]))
        if content == "budget":
            label = str(SIDE_LABELS.get(item.partition(":")[0], label))
        plan.preview.append(
            {
                "code": change.provider.code,
                "provider": change.provider.name,
                "section": label,
                "item": item_text,
                "field": capfirst(str(FIELD_LABELS.get(measure, ""))),
                "old": display(measure, was, villages=names["villages"]),
                "new": display(measure, now, villages=names["villages"]),
            }
        )


def _refuse(plan: Plan, read, key: str, message: str) -> None:
    sheet, row = read.rows.get(key) or next(iter(read.rows.values()))
    plan.errors.append(
        CellError(sheet, row, "A", value=read.provider.code, message=message)
    )


def workbook_plan(*, parsed: Parsed, user) -> Plan:
    """Check a read workbook against the user's scope and the portal."""
    plan = Plan(year=parsed.year, rows=parsed.rows, errors=list(parsed.errors))
    if parsed.year is None and not parsed.errors:
        plan.errors.append(
            CellError("meta", message=_("The workbook does not say its fiscal year."))
        )
    if plan.year is None:
        return plan
    codes = list(parsed.providers)
    allowed = set(
        scopes.providers_to_author(user)
        .filter(code__in=codes)
        .values_list("code", flat=True)
    )
    currents = contents_load(
        providers=ServiceProvider.objects.filter(code__in=codes), year=plan.year
    )
    names = {
        "standards": dict(NationalStandard.objects.values_list("code", "name")),
        "villages": {},
    }
    for code, read in parsed.providers.items():
        current = currents[code]
        change = ProviderChange(current, parsed.versions.get(code, 0))
        for key, rows in read.sections.items():
            content = SECTIONS_BY_KEY[key].content
            if content == "performance":
                rows = _kept_figures(rows, current.sections[key])
            new = canonical(content, rows)
            if new == current.sections[key]:
                continue
            if code not in allowed:
                # Rows of other providers may travel in a shared workbook (a
                # district's, a reviewer's export): refused only when changed.
                _refuse(plan, read, key, _("You may not change this provider's data."))
                break
            package = current.package
            if package is not None and not package.is_editable:
                _refuse(
                    plan,
                    read,
                    key,
                    _("This package is being reviewed and cannot be changed now."),
                )
                continue
            mark = (package.section_versions.get(key) if package else None) or {}
            if mark.get("v", 0) > change.read_version:
                _refuse(
                    plan,
                    read,
                    key,
                    _(
                        "%(who)s saved this section on the portal after this workbook "
                        "was downloaded: download it again, or change it on the portal."
                    )
                    % {"who": mark.get("by") or _("Someone")},
                )
                continue
            change.sections[key] = rows
            if content == "projects":
                shown = {line[2] for line in (*new, *current.sections[key]) if line[2]}
                names["villages"].update(
                    Village.objects.filter(code__in=shown).values_list(
                        "code", "name_km"
                    )
                )
            _preview(plan, change, key, current.sections[key], new, names)
        if change.sections:
            plan.changes.append(change)
    if plan.errors:
        plan.changes, plan.preview = [], []
    return plan


__all__ = ["Package", "Plan", "ProviderChange", "workbook_plan"]
