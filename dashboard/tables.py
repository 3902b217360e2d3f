"""The dashboard's tables: one structure that the page, the CSV and the XLSX share.

Figures come from `dashboard.selectors` as plain numbers; the labels are attached
here, per request, in the page's language, so that the cached figures serve both
languages and an export always carries the numbers that the page shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from communes.models import ServiceProvider
from i4c.models import NationalStandard
from isaf.formatting import format_date, format_number, format_percent
from scorecards.models import JaapAction

from .filters import Filters
from .progress import FULL_CYCLES_TARGET
from .stages import STAGES

STAGE_LABELS = {
    "published": _("I4C published"),
    "disseminated": _("I4C disseminated"),
    "scorecards": _("Scorecards held"),
    "meeting": _("Interface meeting held"),
    "agreed": _("JAAP agreed"),
    "reviewed": _("JAAP reviewed"),
}
KIND_LABELS = {
    ServiceProvider.Kind.COMMUNE: _("Communes"),
    ServiceProvider.Kind.HEALTH_CENTRE: _("Health centres"),
    ServiceProvider.Kind.PRIMARY_SCHOOL: _("Primary schools"),
}
PARTICIPATION_LABELS = {
    "female": _("Women"),
    "male": _("Men"),
    "youth": _("Youth"),
    "disability": _("Persons with disabilities"),
    "minority": _("Ethnic minorities"),
    "id_poor": _("ID-Poor card holders"),
}
MEETING_LABELS = {
    "dissemination": _("I4C dissemination meetings"),
    "scorecards": _("Scorecard meetings"),
    "interface": _("Interface meetings"),
    "total": _("All recorded meetings"),
}


@dataclass
class Column:
    key: str
    label: str
    # text, int, share (0..1, shown as a percentage), decimal, date
    kind: str = "int"

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Table:
    key: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    note: str = ""
    # Rows may carry "link_url" (for the first column) and "is_total" (a total row).
    footer: list[dict] = field(default_factory=list)

    def cells(self, row: dict) -> list[tuple[Column, str | None]]:
        """(column, text) pairs; text is None for a missing figure."""
        return [
            (column, format_cell(column, row.get(column.key)))
            for column in self.columns
        ]

    @property
    def body(self) -> list[tuple[dict, list]]:
        return [(row, self.cells(row)) for row in self.rows]

    @property
    def foot(self) -> list[tuple[dict, list]]:
        return [(row, self.cells(row)) for row in self.footer]


@lru_cache(maxsize=4096)
def _whole_number(value: int, lang: str) -> str:
    # Babel takes a fifth of a millisecond per number, and a national page shows
    # hundreds of small whole numbers, most of them many times over.
    return format_number(value, lang=lang)


def format_cell(column: Column, value) -> str | None:
    """A cell as the page shows it, in the page language's digits."""
    if value is None:
        return None
    if column.kind == "int":
        return _whole_number(int(value), get_language() or "km")
    if column.kind == "share":
        # A handful out of hundreds would read as 0%: small shares get a decimal.
        return format_percent(value, decimals=1 if 0 < value < 0.1 else 0)
    if column.kind == "decimal":
        whole = float(value).is_integer()
        return format_number(value, decimals=0 if whole else 2)
    if column.kind == "date":
        return format_date(value)
    return str(value)


def share(part, whole):
    if not whole:
        return None
    return part / whole


def place_name(row: dict, prefix: str = "") -> str:
    if get_language() == "km":
        return row.get(f"{prefix}name_km") or row.get(f"{prefix}name_latin") or ""
    return row.get(f"{prefix}name_latin") or row.get(f"{prefix}name_km") or ""


def stages_table(figures: dict) -> Table:
    communes = figures["communes"]
    providers = figures["providers"]
    hc = providers[ServiceProvider.Kind.HEALTH_CENTRE]
    ps = providers[ServiceProvider.Kind.PRIMARY_SCHOOL]
    columns = [
        Column("stage", _("Stage"), "text"),
        Column("communes", _("Communes"), "int"),
        Column("communes_share", _("Share of communes"), "share"),
        Column("health_centres", _("Health centres"), "int"),
        Column("health_centres_share", _("Share of health centres"), "share"),
        Column("schools", _("Primary schools"), "int"),
        Column("schools_share", _("Share of primary schools"), "share"),
    ]
    rows = [
        {
            "stage": _("Target"),
            "communes": communes["target"],
            "communes_share": share(communes["target"], communes["target"]),
            "health_centres": hc["target"],
            "health_centres_share": share(hc["target"], hc["target"]),
            "schools": ps["target"],
            "schools_share": share(ps["target"], ps["target"]),
        }
    ]
    for stage in STAGES:
        rows.append(
            {
                "stage": STAGE_LABELS[stage],
                "communes": communes[stage],
                "communes_share": share(communes[stage], communes["target"]),
                "health_centres": hc[stage],
                "health_centres_share": share(hc[stage], hc["target"]),
                "schools": ps[stage],
                "schools_share": share(ps[stage], ps["target"]),
            }
        )
    return Table(
        key="stages",
        caption=_("Cycle progress: target communes, health centres and schools"),
        columns=columns,
        rows=rows,
    )


def breakdown_table(figures: dict, filters: Filters) -> Table:
    level = filters.level
    if level == "national":
        first = _("Province")
        caption = _("By province")
    elif level == "province":
        first = _("District")
        caption = _("By district")
    else:
        first = _("Commune")
        caption = _("By commune")
    columns = [
        Column("code", _("Code"), "text"),
        Column("name", first, "text"),
        Column("target", _("Target communes"), "int"),
        *[Column(stage, STAGE_LABELS[stage], "int") for stage in STAGES],
        Column(
            "three_cycles",
            _("At least %(n)s full cycles") % {"n": format_number(FULL_CYCLES_TARGET)},
            "int",
        ),
    ]
    if level == "district":
        columns.insert(-1, Column("full_cycles", _("Full cycles so far"), "int"))
    base = reverse("dashboard:home")
    rows = []
    for row in figures["breakdown"]:
        out = dict(row)
        out["name"] = place_name(row)
        if level == "national":
            out["link_url"] = f"{base}?{urlencode(filters.query(province=row['code']))}"
        elif level == "province":
            out["link_url"] = f"{base}?{urlencode(filters.query(district=row['code']))}"
        else:
            out["link_url"] = reverse("communes:detail", kwargs={"code": row["code"]})
        rows.append(out)
    footer = []
    if rows:
        total = {"code": "", "name": _("Total"), "is_total": True}
        for column in columns[2:]:
            total[column.key] = sum(r.get(column.key) or 0 for r in rows)
        footer.append(total)
    return Table(
        key="breakdown",
        caption=caption,
        columns=columns,
        rows=rows,
        footer=footer,
    )


def results_table(figures: dict) -> Table:
    communes = figures["communes"]
    standards = figures["standards"]["by_kind"]
    jaap = figures["jaap"]
    actions = sum(jaap.values())
    cafs = figures["cafs"]
    rows = []
    for kind, label in (
        (ServiceProvider.Kind.COMMUNE, _("Communes meeting national standards")),
        (
            ServiceProvider.Kind.HEALTH_CENTRE,
            _("Health centres meeting national standards"),
        ),
        (
            ServiceProvider.Kind.PRIMARY_SCHOOL,
            _("Primary schools meeting national standards"),
        ),
    ):
        row = standards[kind]
        rows.append(
            {
                "result": label,
                "count": row["meeting"],
                "out_of": row["reporting"],
                "value": share(row["meeting"], row["reporting"]),
            }
        )
    rows += [
        {
            "result": _("JAAP actions completed"),
            "count": jaap[JaapAction.Status.COMPLETED],
            "out_of": actions,
            "value": share(jaap[JaapAction.Status.COMPLETED], actions),
        },
        {
            "result": _("JAAP actions ongoing"),
            "count": jaap[JaapAction.Status.ONGOING],
            "out_of": actions,
            "value": share(jaap[JaapAction.Status.ONGOING], actions),
        },
        {
            "result": _("Target communes with at least %(n)s full annual cycles")
            % {"n": format_number(FULL_CYCLES_TARGET)},
            "count": communes["three_cycles"],
            "out_of": communes["target"],
            "value": share(communes["three_cycles"], communes["target"]),
        },
    ]
    return Table(
        key="results",
        caption=_("Key results"),
        columns=[
            Column("result", _("Result"), "text"),
            Column("count", _("Number"), "int"),
            Column("out_of", _("Out of"), "int"),
            Column("value", _("Share"), "share"),
        ],
        rows=rows,
        note=_(
            "National standards: providers whose published I4C reports figures "
            "against national standards and meets all of them, out of those that "
            "reported. A full annual cycle: the commune reached all six stages in "
            "that cycle."
        ),
    ), Table(
        key="cafs",
        caption=_("Community Accountability Facilitators (CAFs)"),
        columns=[
            Column("what", _("What"), "text"),
            Column("value", _("Number"), "decimal"),
        ],
        rows=[
            {"what": _("Active CAFs"), "value": cafs["active"]},
            {"what": _("Women among them"), "value": cafs["female"]},
            {"what": _("Trained in all four modules"), "value": cafs["all_modules"]},
            {"what": _("Target communes"), "value": communes["target"]},
            {
                "what": _("Active CAFs per commune"),
                "value": round(cafs["active"] / communes["target"], 2)
                if communes["target"]
                else None,
            },
        ],
    )


def standards_table(figures: dict) -> Table:
    kinds = dict(ServiceProvider.Kind.choices)
    comparisons = dict(NationalStandard.Comparison.choices)
    rows = [
        {
            "kind": kinds.get(row["standard__provider_kind"], ""),
            "indicator": row["standard__name_km"]
            if get_language() == "km"
            else row["standard__name_en"] or row["standard__name_km"],
            "standard": f"{comparisons.get(row['standard__comparison'], '')} "
            f"{row['standard__value'].normalize():f}",
            "reporting": row["reporting"],
            "meeting": row["meeting"],
            "share": share(row["meeting"], row["reporting"]),
        }
        for row in figures["standards"]["by_indicator"]
    ]
    return Table(
        key="standards",
        caption=_("National standards in published I4C data"),
        columns=[
            Column("kind", _("Service provider"), "text"),
            Column("indicator", _("Indicator"), "text"),
            Column("standard", _("National standard"), "text"),
            Column("reporting", _("Providers reporting"), "int"),
            Column("meeting", _("Meeting the standard"), "int"),
            Column("share", _("Share"), "share"),
        ],
        rows=rows,
    )


def jaap_table(figures: dict) -> Table:
    jaap = figures["jaap"]
    total = sum(jaap.values())
    rows = [
        {"status": label, "actions": jaap[status], "share": share(jaap[status], total)}
        for status, label in JaapAction.Status.choices
    ]
    return Table(
        key="jaap",
        caption=_("JAAP actions by status"),
        columns=[
            Column("status", _("Status"), "text"),
            Column("actions", _("Actions"), "int"),
            Column("share", _("Share"), "share"),
        ],
        rows=rows,
        footer=[{"status": _("Total"), "actions": total, "share": share(total, total)}],
    )


def participation_table(figures: dict) -> Table:
    columns = [
        Column("meeting", _("Meeting"), "text"),
        Column("meetings", _("Meetings"), "int"),
        Column("total", _("Participants"), "int"),
        *[Column(key, label, "int") for key, label in PARTICIPATION_LABELS.items()],
    ]
    rows = []
    for kind, label in MEETING_LABELS.items():
        row = figures["participation"][kind]
        rows.append(
            {
                "meeting": label,
                "total": row["female"] + row["male"],
                **row,
            }
        )
    return Table(
        key="participation",
        caption=_("Participation in recorded meetings"),
        columns=columns,
        rows=rows[:-1],
        footer=rows[-1:],
        note=_(
            "Participants are women plus men; youth, persons with disabilities, "
            "ethnic minorities and ID-Poor card holders are counted among them."
        ),
    )


def _days(since, now) -> int | None:
    if since is None:
        return None
    return (now - since).days


def review_tables(figures: dict, now: datetime.datetime) -> tuple[Table, Table]:
    review = figures["review"]
    summary = [
        {
            "what": _("I4C packages"),
            "waiting": review["i4c"]["count"],
            "oldest": review["i4c"]["oldest"],
            "days": _days(review["i4c"]["oldest"], now),
        },
        {
            "what": _("Scorecards"),
            "waiting": review["scorecards"]["count"],
            "oldest": review["scorecards"]["oldest"],
            "days": _days(review["scorecards"]["oldest"], now),
        },
    ]
    oldest = [
        {
            "what": _("I4C package") if row["what"] == "i4c" else _("Scorecard"),
            "provider": row["provider"],
            "commune": place_name(
                {"name_km": row["commune_km"], "name_latin": row["commune_latin"]}
            ),
            "year": row["year"],
            "since": row["since"],
            "days": _days(row["since"], now),
            "link_url": reverse("i4c:review-detail", kwargs={"pk": row["pk"]})
            if row["what"] == "i4c"
            else reverse("scorecards:overview", kwargs={"pk": row["pk"]}),
        }
        for row in review["oldest"]
    ]
    return (
        Table(
            key="review",
            caption=_("Review queue"),
            columns=[
                Column("what", _("Waiting for review"), "text"),
                Column("waiting", _("Number"), "int"),
                Column("oldest", _("Oldest submitted on"), "date"),
                Column("days", _("Days waiting (oldest)"), "int"),
            ],
            rows=summary,
        ),
        Table(
            key="review_oldest",
            caption=_("Submissions waiting longest"),
            columns=[
                Column("what", _("What"), "text"),
                Column("provider", _("Service provider"), "text"),
                Column("commune", _("Commune"), "text"),
                Column("year", _("Year"), "text"),
                Column("since", _("Submitted on"), "date"),
                Column("days", _("Days waiting"), "int"),
            ],
            rows=oldest,
        ),
    )


def dashboard_tables(figures: dict, filters: Filters, now) -> dict[str, Table]:
    results, cafs = results_table(figures)
    review, review_oldest = review_tables(figures, now)
    tables = [
        stages_table(figures),
        breakdown_table(figures, filters),
        results,
        cafs,
        standards_table(figures),
        jaap_table(figures),
        participation_table(figures),
        review,
        review_oldest,
    ]
    return {table.key: table for table in tables}


def coverage_table(rows: list[dict]) -> Table:
    return Table(
        key="coverage",
        caption=_("Target districts by partner"),
        columns=[
            Column("partner", _("Partner organisation"), "text"),
            Column("province", _("Province"), "text"),
            Column("district_code", _("Code"), "text"),
            Column("district", _("District"), "text"),
            Column("communes", _("Communes"), "int"),
        ],
        rows=[
            {
                "partner": row["organisation__acronym"] or row["organisation__name"],
                "province": place_name(row, "district__province__"),
                "district_code": row["district_id"],
                "district": place_name(row, "district__"),
                "communes": row["communes"],
            }
            for row in rows
        ],
    )


def map_table(points: list[dict]) -> Table:
    return Table(
        key="map",
        caption=_("Target communes on the map and the furthest stage they reached"),
        columns=[
            Column("code", _("Code"), "text"),
            Column("commune", _("Commune"), "text"),
            Column("stage", _("Furthest stage"), "text"),
            Column("on_map", _("On the map"), "text"),
        ],
        rows=[
            {
                "code": p["code"],
                "commune": place_name(p),
                "stage": STAGE_LABELS[STAGES[p["furthest"] - 1]]
                if p["furthest"]
                else _("No stage yet"),
                "on_map": _("shown")
                if p["latitude"] is not None
                else _("no coordinates"),
                "link_url": reverse("communes:detail", kwargs={"code": p["code"]}),
            }
            for p in points
        ],
    )
