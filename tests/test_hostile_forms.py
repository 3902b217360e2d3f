"""Hostile input typed into the pages' forms, as a signed-in author sends it.

Refused input comes back beside its field in Khmer, with every other field as
typed and nothing saved; markup is stored as text and shown escaped on the
author's form, the public board and the booklet's HTML.
"""

from __future__ import annotations

import html

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from i4c.models import Project
from i4c.tests.factories import PackageFactory, councillor_for
from i4c.tests.helpers import publish_directly
from tests import quality
from tests.formdata import form_data
from tests.hostile import XSS

pytestmark = pytest.mark.django_db

ROW = {"sector": "roads", "funding": "own_source", "status": "planned"}
# (project name, cost) typed in one row, the field refused and the Khmer
# message expected beside it.
REFUSED_ROWS = [
    ("ផ្លូវ", "9" * 4301, "cost", "ចំនួនទឹកប្រាក់នេះធំពេក"),
    ("ផ្លូវ", "1e-5", "cost", "សូមសរសេរលេខឱ្យពេញ"),
    ("ផ្លូវ", "NaN", "cost", "សូមបញ្ចូលតែលេខប៉ុណ្ណោះ"),
    ("ផ្លូវ", "1.5", "cost", "សូមបញ្ចូលចំនួនគត់"),
    ("ផ្លូវ", "-0", "cost", "សូមបញ្ចូលតែលេខប៉ុណ្ណោះ"),
    ("ផ្លូវ", "²", "cost", "សូមបញ្ចូលតែលេខប៉ុណ្ណោះ"),
    ("invoice\u202etxt.exe", "100", "name", "សញ្ញាមើលមិនឃើញដែលប្ដូរទិសដៅ"),
    ("a\x00b", "100", "name", "តួអក្សរបញ្ជាដែលមើលមិនឃើញ"),
    ("ក" * 100_000, "100", "name", "មិនលើសពី ២០០ តួអក្សរ"),
]


@pytest.fixture
def author():
    package = PackageFactory()
    client = Client(raise_request_exception=False)
    client.force_login(councillor_for(package.provider.commune))
    return client, package


def _projects(client, package, rows):
    url = f"/km/workspace/i4c/{package.pk}/projects/"
    data = form_data(client.get(url))
    for index, (name, cost) in enumerate(rows):
        data.update({f"rows-{index}-{k}": v for k, v in ROW.items()})
        data[f"rows-{index}-name"] = name
        data[f"rows-{index}-cost"] = cost
    return client.post(url, data)


def _errors_of(page: str, field_id: str) -> str:
    """The text of the error list tied to a field (aria-describedby)."""
    start = page.find(f'id="{field_id}_error"')
    return page[start : page.find("</ul>", start)] if start >= 0 else ""


@pytest.mark.parametrize(
    ("name", "cost", "field", "message"), REFUSED_ROWS, ids=range(len(REFUSED_ROWS))
)
def test_a_refused_project_is_explained_in_khmer_beside_its_field(
    author, name, cost, field, message
):
    client, package = author
    # A second, good row: it must come back as typed.
    response = _projects(client, package, [(name, cost), ("ស្ពានថ្មី", "១.២០០.០០០")])
    quality.record("hostile.tried")
    quality.record("hostile.server_errors", int(response.status_code >= 500))
    # The form again, with its errors (400 as every refused form of the portal).
    assert response.status_code == 400
    page = response.content.decode()
    errors = _errors_of(page, f"id_rows-0-{field}")
    assert message in errors, errors or page[:2000]
    assert "ស្ពានថ្មី" in page
    assert 'value="១.២០០.០០០"' in page
    wrongly = Project.objects.filter(package=package).exists()
    quality.record("hostile.accepted_wrongly", int(wrongly))
    assert not wrongly


def test_markup_in_a_project_name_is_stored_as_typed_and_shown_escaped(author):
    client, package = author
    rows = [(payload, "1000") for payload in XSS]
    response = _projects(client, package, rows)
    quality.record("hostile.tried", len(XSS))
    assert response.status_code == 302
    stored = sorted(
        Project.objects.filter(package=package).values_list("name", flat=True)
    )
    assert stored == sorted(XSS)
    form_page = client.get(f"/km/workspace/i4c/{package.pk}/projects/").content.decode()
    publish_directly(package)
    board = Client().get(f"/km/communes/{package.provider.commune.code}/")
    assert board.status_code == 200
    from i4c.posters import booklet

    with translation.override("km"):
        source = booklet(package.provider.commune.code, "km")
        booklet_html = render_to_string(source.template, source.context)
    for shown in (form_page, board.content.decode(), booklet_html):
        assert "<script>alert" not in shown
        assert "<img src=x" not in shown
        assert "<svg/onload" not in shown
        assert "7|add:7" in html.unescape(shown) or shown is form_page
    assert html.escape(XSS[0]) in board.content.decode()
