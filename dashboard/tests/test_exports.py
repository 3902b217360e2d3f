"""Dashboard downloads: every row, and nothing a spreadsheet would run."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from communes.models import Organisation
from dashboard.exports import export_response, table_csv, tables_xlsx
from dashboard.tables import Column, Table
from tests.spreadsheet_payloads import FORMULAS

NAMES = [*FORMULAS, "Clinic | north", "Same", "Same"]


def providers_table() -> Table:
    return Table(
        key="oldest",
        caption="Waiting longest",
        columns=[
            Column("provider", "Provider", "text"),
            Column("waiting", "Waiting", "int"),
            Column("change", "Change", "int"),
            Column("share", "Share", "share"),
            Column("since", "Since", "date"),
        ],
        rows=[
            {
                "provider": name,
                "waiting": n,
                "change": -n,
                "share": 0.5,
                "since": datetime.date(2026, 3, n + 1),
            }
            for n, name in enumerate(NAMES)
        ],
    )


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_dashboard_csv_writes_formulas_as_text_and_every_row():
    rows = read_csv(table_csv(table=providers_table(), filename="x"))
    names = [row[0] for row in rows[1:]]
    assert names == ["'" + n if n in FORMULAS else n for n in NAMES]


def test_the_dashboard_csv_keeps_numbers_as_numbers():
    rows = read_csv(table_csv(table=providers_table(), filename="x"))
    assert rows[2][1:] == ["1", "-1", "50.0", "2026-03-02"]


def test_the_dashboard_xlsx_holds_no_formula():
    response = tables_xlsx(tables=[providers_table()], filename="x", title="T")
    sheet = load_workbook(io.BytesIO(response.content))["oldest"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert cells and not [c for c in cells if c.data_type == "f"]
    names = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert names == [n.replace("\r", "\n") for n in NAMES]


def test_the_dashboard_xlsx_keeps_numbers_and_dates_typed():
    response = tables_xlsx(tables=[providers_table()], filename="x", title="T")
    sheet = load_workbook(io.BytesIO(response.content))["oldest"]
    row = next(sheet.iter_rows(min_row=4, values_only=True))
    assert row[1:] == (1, -1, 50.0, datetime.datetime(2026, 3, 2))


def test_an_export_response_keeps_its_file_names_and_types():
    tables = {"oldest": providers_table()}
    csv_response = export_response(
        tables=tables, fmt="csv", table_key="oldest", filename="dash", title="T"
    )
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="dash-oldest.csv"' in csv_response["Content-Disposition"]
    xlsx = export_response(
        tables=tables, fmt="xlsx", table_key=None, filename="dash", title="T"
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="dash.xlsx"' in xlsx["Content-Disposition"]


@pytest.mark.django_db
def test_a_partner_named_like_a_formula_downloads_as_text(client, country):
    Organisation.objects.filter(acronym="ORG1").update(acronym='=HYPERLINK("x")')
    client.force_login(country.secretariat)
    path = "/en/dashboard/coverage/"
    response = client.get(path, {"year": 2025, "format": "csv", "table": "coverage"})
    partners = [row[0] for row in read_csv(response)[1:]]
    assert '\'=HYPERLINK("x")' in partners
    response = client.get(path, {"year": 2025, "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert '=HYPERLINK("x")' in [c.value for c in cells]
