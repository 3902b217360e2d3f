"""The I4C workbook row of `make bench`: a 5,000-row workbook validated and
imported, its time and peak memory (resident set) beside their budgets.

Run after `manage.py seed_national` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/workbook.py

The workbook is exported from the national data set (the districts with the
most providers, until it holds at least 5,000 data rows), one figure is changed
in every tenth row, and then a fresh process, as a worker would be, reads it,
checks every cell, plans and imports it, inside a transaction that is rolled
back at the end so that the data set stays as seeded. That process reports its
own time and peak RSS, so the export and this script's memory do not count.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production settings, as a worker runs (DEBUG off...), and the table's row.
from bench.server import row  # noqa: E402

ROWS = int(os.environ.get("BENCH_WORKBOOK_ROWS", "5000"))
TIME_BUDGET = 15.0
MEMORY_BUDGET_MB = 300
CHANGE_EVERY = 10
USERNAME = "bench-secretariat"


def _secretariat():
    from django.contrib.auth import get_user_model

    from communes.models import Role

    user, _created = get_user_model().objects.get_or_create(username=USERNAME)
    Role.objects.get_or_create(user=user, kind=Role.Kind.SECRETARIAT)
    return user


def _workbook(path: Path) -> tuple[int, int, float]:
    """Export the districts with the most providers until ROWS data rows; change
    one figure in every tenth row. Returns (rows, providers, export seconds)."""
    from django.db.models import Count
    from openpyxl import load_workbook

    from communes.models import District, ServiceProvider
    from i4c.models import Package
    from i4c.workbook import workbook_export
    from i4c.workbook.layout import FIRST_ROW, KEY_ROW

    year = Package.objects.order_by("-year").values_list("year", flat=True).first()
    districts = (
        District.objects.annotate(n=Count("communes__providers"))
        .order_by("-n", "code")
        .values_list("code", flat=True)
    )
    chosen: list[str] = []
    # About 5.7 rows per provider in the national set (a commune fills 6
    # sheets and more rows of projects and fees, a school 5, a health centre 4).
    for code in districts:
        chosen.append(code)
        providers = ServiceProvider.objects.filter(
            commune__district_id__in=chosen
        ).order_by("commune_id", "kind", "code")
        if providers.count() * 5.7 >= ROWS:
            break
    started = time.perf_counter()
    data = workbook_export(providers=providers, year=year)
    exported = time.perf_counter() - started
    path.write_bytes(data)
    workbook = load_workbook(path)
    rows = 0
    for sheet in workbook.worksheets:
        keys = [c.value for c in sheet[KEY_ROW]] if sheet.max_row >= KEY_ROW else []
        if "code" not in keys:
            continue
        numbers = [
            i + 1
            for i, key in enumerate(keys)
            if key and key.endswith((":planned", ":female", ":target", "classrooms"))
        ]
        for number in range(FIRST_ROW, sheet.max_row + 1):
            if sheet.cell(row=number, column=1).value is None:
                continue
            rows += 1
            if numbers and rows % CHANGE_EVERY == 0:
                cell = sheet.cell(row=number, column=numbers[0])
                cell.value = (cell.value or 0) + 1
    workbook.save(path)
    return rows, providers.count(), exported


CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isaf.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from i4c import services
from i4c.workbook import workbook_check
user = get_user_model().objects.get(username={user!r})
started = time.perf_counter()
with transaction.atomic():
    with open({path!r}, "rb") as handle:
        plan = workbook_check(file=handle, user=user)
    checked = time.perf_counter() - started
    if not plan.errors:
        services.workbook_import(user=user, plan=plan)
    total = time.perf_counter() - started
    transaction.set_rollback(True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"rows": plan.rows, "changed": plan.changed,
    "errors": [str(e) for e in plan.errors[:5]], "checked": checked,
    "total": total, "peak_mb": peak}}))
"""


def main() -> None:
    import django

    django.setup()
    _secretariat()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "i4c-bench.xlsx"
        rows, providers, exported = _workbook(path)
        child = CHILD.format(root=str(ROOT), user=USERNAME, path=str(path))
        result = subprocess.run(
            [sys.executable, "-c", child],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
    if result.returncode != 0:
        print("| workbook import: failed |", result.stderr[-2000:])
        return
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    if measured["errors"]:
        print("| workbook import: refused |", measured["errors"])
    total, peak = measured["total"], measured["peak_mb"]
    print(
        f"| workbook: {measured['rows']:,} rows, {providers:,} providers, "
        f"{measured['changed']:,} sections changed; export {exported:.1f} s, "
        f"check alone {measured['checked']:.1f} s |"
    )
    row(
        f"{rows:,}-row I4C workbook import, time",
        f"{total:.1f} s",
        f"{TIME_BUDGET:.0f} s",
        total / TIME_BUDGET,
        total <= TIME_BUDGET and rows >= ROWS,
    )
    row(
        f"{rows:,}-row I4C workbook import, peak RSS",
        f"{peak:.0f} MB",
        f"{MEMORY_BUDGET_MB} MB",
        peak / MEMORY_BUDGET_MB,
        peak <= MEMORY_BUDGET_MB,
    )


if __name__ == "__main__":
    main()
    # The parent's own peak, for the curious: the export and the edit.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| (bench process, export and edit: {own:.0f} MB) |")
