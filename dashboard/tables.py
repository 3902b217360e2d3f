"""The dashboard's tables: one structure that the page, the CSV and the XLSX share.

Figures come from `dashboard.selectors` as plain numbers; the labels are attached
here, per request, in the page's language, so that the cached figures serve both
languages and an export always carries the numbers that the page shows. The
progress tables are here, the key results' in `dashboard.result_tables`, the
structure in `dashboard.tabular`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from communes import selectors as communes_selectors
from isaf.formatting import format_number

from .filters import Filters
from .progress import FULL_CYCLES_TARGET
from .result_tables import (
    PARTICIPATION_LABELS,
    jaap_table,
    participation_table,
    results_table,
    review_tables,
    standards_table,
)
from .stages import STAGES
from .tabular import Column, Table, place_name, share, table

# Read by the views and by `dashboard.exports`.
__all__ = [
    "PARTICIPATION_LABELS",
    "STAGE_LABELS",
    "Column",
    "Table",
    "coverage_table",
    "dashboard_tables",
    "map_table",
    "place_name",
]

STAGE_LABELS = {
    "published": _("I4C published"),
    "disseminated": _("I4C disseminated"),
    "scorecards": _("Scorecards held"),
    "meeting": _("Interface meeting held"),
    "agreed": _("JAAP agreed"),
    "reviewed": _("JAAP reviewed"),
}


def stages_table(figures: dict) -> Table:
    communes = figures["communes"]
    providers = figures["providers"]
    hc = providers[communes_selectors.ProviderKind.HEALTH_CENTRE]
    ps = providers[communes_selectors.ProviderKind.PRIMARY_SCHOOL]
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
        Column("code", _("Code"), "code"),
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
    return table(
        key="coverage",
        caption=_("Target districts by partner"),
        columns=[
            ("partner", _("Partner organisation"), "text"),
            ("province", _("Province"), "text"),
            ("district_code", _("Code"), "code"),
            ("district", _("District"), "text"),
            ("communes", _("Communes"), "int"),
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
    return table(
        key="map",
        caption=_("Target communes on the map and the furthest stage they reached"),
        columns=[
            ("code", _("Code"), "code"),
            ("commune", _("Commune"), "text"),
            ("stage", _("Furthest stage"), "text"),
            ("on_map", _("On the map"), "text"),
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
