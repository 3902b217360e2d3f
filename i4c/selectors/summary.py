"""The plain-words summary at the top of a commune's board, and its comparison
with the other communes of its district (the median commune), so that a reader can
tell whether a figure is high or low without knowing commune budgets.
"""

from statistics import median

from django.db.models import F

from communes.models import Commune, ServiceProvider

from ..models import PublishedVersion
from .snapshots import snapshot_totals

DONE = "completed"


def _share(part, whole):
    if part is None or not whole:
        return None
    return part / whole


def commune_summary(snapshot: dict) -> dict:
    """How much came in, how much was spent against the plan, how many projects are
    done: from the published snapshot alone."""
    totals = snapshot_totals(snapshot)
    projects = snapshot.get("projects", [])
    return {
        "revenue_actual": totals["revenue_actual"],
        "revenue_planned": totals["revenue_planned"],
        "expenditure_actual": totals["expenditure_actual"],
        "expenditure_planned": totals["expenditure_planned"],
        "spent_share": _share(
            totals["expenditure_actual"], totals["expenditure_planned"]
        ),
        "projects": len(projects),
        "projects_done": sum(1 for p in projects if p.get("status") == DONE),
    }


def district_comparison(*, commune: Commune, year: int) -> dict | None:
    """The median commune of the district for the same fiscal year: revenue
    received, share of the planned spending spent, share of projects done. One
    query (the latest published snapshot of each commune of the district); None
    when fewer than three communes of the district have published that year, since
    a median of one or two says nothing."""
    snapshots = list(
        PublishedVersion.objects.filter(
            pk=F("package__published_version"),
            package__year=year,
            package__provider__kind=ServiceProvider.Kind.COMMUNE,
            package__provider__commune__district_id=commune.district_id,
        ).values_list("snapshot", flat=True)
    )
    if len(snapshots) < 3:
        return None
    summaries = [commune_summary(s) for s in snapshots]

    def middle(key):
        values = [s[key] for s in summaries if s[key] is not None]
        return median(values) if values else None

    for summary in summaries:
        summary["done_share"] = _share(summary["projects_done"], summary["projects"])
    return {
        "communes": len(summaries),
        "revenue_actual": middle("revenue_actual"),
        "spent_share": middle("spent_share"),
        "done_share": middle("done_share"),
    }


def communes_showing_package(package) -> list[str]:
    """The communes whose boards show this package: those its provider serves, and
    for a commune's own package every commune of its district too, since their
    boards compare with the district's median commune (district_comparison)."""
    codes = set(package.provider.commune_codes())
    if package.provider.kind == ServiceProvider.Kind.COMMUNE:
        codes.update(
            Commune.objects.filter(
                district_id=package.provider.commune.district_id
            ).values_list("pk", flat=True)
        )
    return sorted(codes)
