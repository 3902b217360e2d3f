"""manage.py i4c_export and i4c_import, as the command contract says."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from communes.tests.factories import CommuneFactory, user_with_role
from i4c.models import Package
from isaf.models import AuditEntry

from .workbooks import edited, load_small_demo

pytestmark = pytest.mark.django_db


def export(tmp_path, **where) -> str:
    out = tmp_path / "i4c.xlsx"
    call_command("i4c_export", **where, out=str(out), stdout=StringIO())
    return str(out)


def run_import(path, user, *extra) -> tuple[int, list[str]]:
    out = StringIO()
    try:
        call_command(
            "i4c_import", path, "--user", user, "--lang", "en", *extra, stdout=out
        )
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue().splitlines()


def state():
    return (
        list(Package.objects.order_by("pk").values_list("pk", "version", "status")),
        AuditEntry.objects.count(),
    )


def test_an_exported_district_imports_back_unchanged(tmp_path):
    load_small_demo()
    path = export(tmp_path, district="1104", year=2025)
    before = state()
    code, lines = run_import(path, "ncdd")
    assert code == 0
    assert lines[-1].startswith("rows: ") and lines[-1].endswith(
        ", changed: 0, errors: 0"
    )
    assert state() == before


def test_a_bad_cell_is_named_nothing_is_imported_and_the_exit_is_non_zero(tmp_path):
    load_small_demo()
    path = export(tmp_path, district="1104", year=2025)
    data = edited(
        open(path, "rb").read(),
        [
            ("ឃុំ ចំណូល", "C110401", "revenue:own_source:planned", 9),
            ("ឃុំ បុគ្គលិក", "C110401", "councillor:female", "1.5"),
        ],
    )
    (tmp_path / "bad.xlsx").write_bytes(data)
    before = state()
    code, lines = run_import(str(tmp_path / "bad.xlsx"), "ncdd")
    assert code == 1
    assert lines[0].startswith("Sheet «ឃុំ បុគ្គលិក», row 3, column F")
    assert lines[-1].endswith(", changed: 0, errors: 1")
    assert state() == before


def test_a_dry_run_counts_the_changes_and_writes_nothing(tmp_path):
    load_small_demo()
    path = export(tmp_path, province="11", year=2025)
    data = edited(
        open(path, "rb").read(),
        [("ឃុំ ចំណូល", "C110401", "revenue:own_source:planned", 9)],
    )
    (tmp_path / "changed.xlsx").write_bytes(data)
    before = state()
    code, lines = run_import(str(tmp_path / "changed.xlsx"), "ncdd", "--dry-run")
    assert (code, lines[-1].split(", ")[1:]) == (0, ["changed: 1", "errors: 0"])
    assert state() == before
    code, lines = run_import(str(tmp_path / "changed.xlsx"), "ncdd")
    assert lines[-1].split(", ")[1:] == ["changed: 1", "errors: 0"]
    assert state() != before


def test_an_unknown_user_is_refused():
    with pytest.raises(Exception, match="No active user"):
        call_command("i4c_import", "x.xlsx", "--user", "nobody", stdout=StringIO())


def test_a_district_of_a_national_like_seed_round_trips(tmp_path):
    for _ in range(3):
        CommuneFactory()
    call_command("seed_national", years=2, health_centres=3, schools=6, verbosity=0)
    secretariat = user_with_role(kind="secretariat")
    year = timezone.localdate().year
    districts = set(
        Package.objects.values_list("provider__commune__district_id", flat=True)
    )
    path = export(tmp_path, district=sorted(districts)[0], year=year)
    before = state()
    code, lines = run_import(path, secretariat.username)
    rows = int(lines[-1].split(",")[0].split(": ")[1])
    assert (code, rows > 5) == (0, True), lines
    assert lines[-1].endswith("changed: 0, errors: 0")
    assert state() == before
