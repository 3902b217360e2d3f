"""Open data of published packages: every row, whatever its name, safe to open."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from i4c.models import OpeningHours, Package, Project, PublishedVersion, ServiceFee
from tests.spreadsheet_payloads import FORMULAS

from .factories import CommuneAdministrationFactory, PackageFactory
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


def package_with_names(names, *, year=2025):
    """A published commune package whose projects, fees and hours carry `names`."""
    package = full_commune_package(year=year)
    for name in names:
        Project.objects.create(
            package=package,
            name=name,
            sector="roads",
            cost=1_000,
            funding="csf_development",
            status="ongoing",
        )
        ServiceFee.objects.create(package=package, service=name, fee=500)
        OpeningHours.objects.create(package=package, service=name, hours=name)
    publish_directly(package)
    return package


def commune_csv(client, package, lang="en"):
    code = package.provider.commune_id
    response = client.get(f"/{lang}/communes/{code}/{package.year}.csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def national_csv(client, year=2025):
    response = client.get(f"/en/open-data/i4c/{year}.csv")
    assert response.status_code == 200
    body = response.getvalue().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def project_costs(rows, name):
    return [
        r
        for r in rows
        if r["section"] == "projects" and r["item"] == name and r["measure"] == "cost"
    ]


def test_the_commune_csv_answers_when_a_name_holds_a_bar(client):
    package = package_with_names(["Road | bridge"])
    rows = commune_csv(client, package)
    assert len(project_costs(rows, "Road | bridge")) == 1
    fees = [r for r in rows if r["section"] == "fees" and r["item"] == "Road | bridge"]
    assert {r["measure"] for r in fees} >= {"fee"}
    hours = [r for r in rows if r["section"] == "hours"]
    assert {r["value"] for r in hours if r["measure"] == "hours"} == {"Road | bridge"}


def test_the_national_csv_keeps_every_package_when_a_name_holds_a_bar(client):
    barred = package_with_names(["Road | bridge"])
    plain = package_with_names(["Road"])
    rows = national_csv(client)
    assert {r["provider_code"] for r in rows} == {
        barred.provider.code,
        plain.provider.code,
    }
    assert len(project_costs(rows, "Road | bridge")) == 1


def test_two_projects_with_the_same_name_are_two_rows(client):
    package = package_with_names(["Well", "Well"])
    rows = commune_csv(client, package)
    assert len(project_costs(rows, "Well")) == 2
    assert len(project_costs(national_csv(client), "Well")) == 2
    # The row column tells them apart for a pivot table.
    assert len({r["row"] for r in project_costs(rows, "Well")}) == 2


def test_the_commune_csv_writes_formulas_as_text(client):
    package = package_with_names(FORMULAS)
    rows = commune_csv(client, package)
    items = {r["item"] for r in rows if r["section"] == "projects"}
    assert items >= {"'" + payload for payload in FORMULAS}
    cells = [value for r in rows for value in r.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [c for c in cells if c.startswith("-") and not c[1:].isdigit()]


def test_the_national_csv_writes_formulas_as_text(client):
    package_with_names(FORMULAS)
    rows = national_csv(client)
    hours = {r["value"] for r in rows if r["section"] == "hours"}
    assert hours >= {"'" + payload for payload in FORMULAS}
    cells = [value for r in rows for value in r.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]


def test_the_csv_keeps_figures_as_numbers(client):
    rows = commune_csv(client, package_with_names(["=1+1"]))
    assert project_costs(rows, "'=1+1")[0]["value"] == "1000"


def test_the_json_holds_every_project_as_typed(client):
    names = ["Road | bridge", "Well", "Well", *FORMULAS]
    package = package_with_names(names)
    code = package.provider.commune_id
    data = json.loads(client.get(f"/en/communes/{code}/2025.json").content)
    typed = [p["name"] for p in data["package"]["projects"]]
    assert typed[-len(names) :] == names


def test_a_version_stored_before_rows_were_keyed_by_position_still_reads(client):
    """Published versions are immutable: a snapshot stored by the earlier code
    (schema 1, with a bar and a duplicate in its names) reads in full."""
    provider = CommuneAdministrationFactory()
    package = PackageFactory(provider=provider, year=2024)
    stored = {
        "schema": 1,
        "year": 2024,
        "provider": {"code": provider.code, "kind": "commune"},
        "budget": [
            {
                "side": "revenue",
                "category": "own_source",
                "planned": 100,
                "actual": 90,
            }
        ],
        "projects": [
            {
                "name": name,
                "sector": "roads",
                "village_code": None,
                "village_name_km": "",
                "village_name_latin": "",
                "cost": 10,
                "funding": "csf_development",
                "status": "completed",
            }
            for name in ("A | B", "Well", "Well")
        ],
        "fees": [],
        "hours": [],
        "staff": [],
        "enrolment": [],
        "performance": [],
        "facts": {"classrooms": None, "no_informal_fees": None},
    }
    version = PublishedVersion.objects.create(
        package=package,
        number=1,
        published_at=timezone.make_aware(datetime.datetime(2025, 2, 1)),
        snapshot=stored,
    )
    Package.objects.filter(pk=package.pk).update(
        published_version=version, status="published"
    )
    rows = commune_csv(client, package)
    assert len(project_costs(rows, "A | B")) == 1
    assert len(project_costs(rows, "Well")) == 2
    own = next(r for r in rows if r["item"] == "revenue:own_source")
    assert own["measure"] in ("planned", "actual")
