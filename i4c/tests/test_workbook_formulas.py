"""The I4C workbook (a councillor's download, a reviewer's export) holds no
formula, whatever the names it carries: each formula-like name is a text cell,
and figures stay numbers."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from communes.models import Commune, ServiceProvider
from i4c.models import Package, Project
from tests import quality
from tests.spreadsheet_payloads import FORMULAS

from .workbooks import load_small_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_like_formulas(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_small_demo()
    provider = ServiceProvider.objects.get(code="C110401")
    ServiceProvider.objects.filter(pk=provider.pk).update(
        name_km=FORMULAS[0], name_en=FORMULAS[1]
    )
    Commune.objects.filter(pk=provider.commune_id).update(
        name_km=FORMULAS[4], name_latin=FORMULAS[2]
    )
    package = Package.objects.get(provider=provider, year=2025)
    for name in FORMULAS:
        Project.objects.create(
            package=package,
            name=name,
            sector="roads",
            cost=1_000,
            funding="csf_development",
            status="ongoing",
        )
    return get_user_model().objects


def workbook_cells(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


@pytest.mark.parametrize(
    ("username", "route", "query"),
    [
        ("councillor", "i4c:workbook-download", {"year": 2025}),
        ("ncdd", "i4c:workbook-export", {"year": 2025, "kind": "commune"}),
    ],
)
def test_names_like_formulas_are_text_in_the_workbook_and_numbers_stay_numbers(
    client, named_like_formulas, username, route, query
):
    client.force_login(named_like_formulas.get(username=username))
    response = client.get(reverse(route), query)
    assert response.status_code == 200
    cells = list(workbook_cells(response.content))
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    numbers = [c.value for c in cells if c.data_type == "n" and c.value is not None]
    quality.record("hostile.tried", len(FORMULAS))
    assert formulas == []
    assert {f.replace("\r", "") for f in FORMULAS} <= {
        t.replace("\r", "") for t in texts if isinstance(t, str)
    }
    assert 1_000 in numbers
