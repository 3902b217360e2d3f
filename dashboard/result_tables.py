"""The tables of the key results: standards, JAAP, CAFs, participation and the
review queue."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from communes import selectors as communes_selectors
from i4c.selectors import stats as i4c_stats
from isaf.formatting import format_number
from scorecards.selectors import stats as scorecard_stats

from .progress import FULL_CYCLES_TARGET
from .tabular import Column, Table, place_name, share, table

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


def results_table(figures: dict) -> Table:
    communes = figures["communes"]
    standards = figures["standards"]["by_kind"]
    jaap = figures["jaap"]
    actions = sum(jaap.values())
    cafs = figures["cafs"]
    rows = []
    for kind, label in (
        (
            communes_selectors.ProviderKind.COMMUNE,
            _("Communes meeting national standards"),
        ),
        (
            communes_selectors.ProviderKind.HEALTH_CENTRE,
            _("Health centres meeting national standards"),
        ),
        (
            communes_selectors.ProviderKind.PRIMARY_SCHOOL,
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
            "count": jaap[scorecard_stats.JaapStatus.COMPLETED],
            "out_of": actions,
            "value": share(jaap[scorecard_stats.JaapStatus.COMPLETED], actions),
        },
        {
            "result": _("JAAP actions ongoing"),
            "count": jaap[scorecard_stats.JaapStatus.ONGOING],
            "out_of": actions,
            "value": share(jaap[scorecard_stats.JaapStatus.ONGOING], actions),
        },
        {
            "result": _("Target communes with at least %(n)s full annual cycles")
            % {"n": format_number(FULL_CYCLES_TARGET)},
            "count": communes["three_cycles"],
            "out_of": communes["target"],
            "value": share(communes["three_cycles"], communes["target"]),
        },
    ]
    return table(
        key="results",
        caption=_("Key results"),
        columns=[
            ("result", _("Result"), "text"),
            ("count", _("Number"), "int"),
            ("out_of", _("Out of"), "int"),
            ("value", _("Share"), "share"),
        ],
        rows=rows,
        note=_(
            "National standards: providers whose published I4C reports figures "
            "against national standards and meets all of them, out of those that "
            "reported. A full annual cycle: the commune reached all six stages in "
            "that cycle."
        ),
    ), table(
        key="cafs",
        caption=_("Community Accountability Facilitators (CAFs)"),
        columns=[
            ("what", _("What"), "text"),
            ("value", _("Number"), "decimal"),
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
    kinds = dict(communes_selectors.ProviderKind.choices)
    rows = [
        {
            "kind": kinds.get(row["standard__provider_kind"], ""),
            "indicator": row["standard__name_km"]
            if get_language() == "km"
            else row["standard__name_en"] or row["standard__name_km"],
            "standard": i4c_stats.standard_text(
                comparison=row["standard__comparison"],
                value=row["standard__value"],
                unit=row["standard__unit"],
            ),
            "reporting": row["reporting"],
            "meeting": row["meeting"],
            "share": share(row["meeting"], row["reporting"]),
        }
        for row in figures["standards"]["by_indicator"]
    ]
    return table(
        key="standards",
        caption=_("National standards in published I4C data"),
        columns=[
            ("kind", _("Service provider"), "text"),
            ("indicator", _("Indicator"), "text"),
            ("standard", _("National standard"), "text"),
            ("reporting", _("Providers reporting"), "int"),
            ("meeting", _("Meeting the standard"), "int"),
            ("share", _("Share"), "share"),
        ],
        rows=rows,
    )


def jaap_table(figures: dict) -> Table:
    jaap = figures["jaap"]
    total = sum(jaap.values())
    rows = [
        {"status": label, "actions": jaap[status], "share": share(jaap[status], total)}
        for status, label in scorecard_stats.JaapStatus.choices
    ]
    return table(
        key="jaap",
        caption=_("JAAP actions by status"),
        columns=[
            ("status", _("Status"), "text"),
            ("actions", _("Actions"), "int"),
            ("share", _("Share"), "share"),
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
                {
                    "kind": row["commune_kind"],
                    "name_km": row["commune_km"],
                    "name_latin": row["commune_latin"],
                }
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
        table(
            key="review",
            caption=_("Review queue"),
            columns=[
                ("what", _("Waiting for review"), "text"),
                ("waiting", _("Number"), "int"),
                ("oldest", _("Oldest submitted on"), "date"),
                ("days", _("Days waiting (oldest)"), "int"),
            ],
            rows=summary,
        ),
        table(
            key="review_oldest",
            caption=_("Submissions waiting longest"),
            columns=[
                ("what", _("What"), "text"),
                ("provider", _("Service provider"), "text"),
                ("commune", _("Commune"), "text"),
                ("year", _("Year"), "year"),
                ("since", _("Submitted on"), "date"),
                ("days", _("Days waiting"), "int"),
            ],
            rows=oldest,
        ),
    )
