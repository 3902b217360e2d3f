"""The workbook as people fill it: Khmer words and digits in what the import
says, and its problems listed in the order of the workbook."""

import re

import pytest
from django.utils import translation

from .workbooks import check, edited, exported, load_small_demo, messages

pytestmark = pytest.mark.django_db

REVENUE = "ឃុំ ចំណូល"
STAFF = "ឃុំ បុគ្គលិក"
PROJECTS = "ឃុំ គម្រោង"


@pytest.fixture
def small():
    load_small_demo()
    from django.contrib.auth import get_user_model

    return get_user_model().objects


def test_a_khmer_error_names_its_cell_with_khmer_punctuation(small):
    ncdd = small.get(username="ncdd")
    data = edited(exported(year=2025), [(STAFF, "C110401", "councillor:male", "1.5")])
    with translation.override("km"):
        [message] = messages(check(data, ncdd))
    where, _sep, rest = message.partition("៖")
    # «sheet» row, column (header)៖ message: no Latin comma or colon joins them.
    assert re.fullmatch(r"សន្លឹក «ឃុំ បុគ្គលិក» ជួរដេកទី [០-៩]+ ជួរឈរ [A-Z]+ \(.+\)", where)
    assert ", " not in where and ": " not in message
    assert "«1.5»" in rest


def test_the_preview_numbers_lines_in_khmer_digits(small):
    import io

    from openpyxl import load_workbook

    ncdd = small.get(username="ncdd")
    data = exported(year=2025)
    workbook = load_workbook(io.BytesIO(data))
    lists = list(workbook["lists"].iter_rows(values_only=True))
    sheet = workbook[PROJECTS]
    first = next(
        r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == "C110401"
    )
    line = {
        "name": "ផ្លូវ | ស្ពាន = ថ្មី",
        "sector": lists[0][1],
        "funding": lists[0][2],
        "project_status": lists[0][3],
        "cost": "១,០០០",
    }
    data = edited(data, [(PROJECTS, first, key, value) for key, value in line.items()])
    with translation.override("km"):
        plan = check(data, ncdd)
    assert not plan.errors, messages(plan)
    items = {row["item"] for row in plan.preview if row["section"] == "គម្រោងអភិវឌ្ឍន៍"}
    assert items == {"ជួរទី១"}, plan.preview


def test_problems_are_listed_in_the_order_of_the_workbook(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2025),
        [
            (STAFF, "C110401", "councillor:male", "=1+2"),
            (REVENUE, "C110401", "revenue:own_source:planned", "-5"),
            (REVENUE, "C110401", "code", "C999999"),
        ],
    )
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook.create_sheet("Sheet1")["A1"] = "a note"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with translation.override("en"):
        plan = check(buffer.getvalue(), ncdd)
    sheets = [error.sheet for error in plan.errors]
    order = {title: i for i, title in enumerate(workbook.sheetnames)}
    assert len(sheets) >= 3
    assert sheets == sorted(sheets, key=lambda s: order.get(s, -1)), sheets
    rows = [(e.sheet, e.row or 0) for e in plan.errors]
    assert rows == sorted(rows, key=lambda r: (order.get(r[0], -1), r[1]))


def test_the_workbook_writes_years_and_dates_in_khmer_digits_above_english(small):
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(exported(year=2026)))
    title, _scope, downloaded = (
        row[0] for row in workbook.worksheets[0].iter_rows(max_row=3, values_only=True)
    )
    statuses = [
        row[4]
        for row in workbook[REVENUE].iter_rows(min_row=3, values_only=True)
        if row[4] and "2025" in row[4]
    ]
    assert statuses
    for text in [title, downloaded, *statuses]:
        khmer, english = text.split("\n")
        assert not re.search("[0-9]", khmer) and re.search("[០-៩]", khmer), text
        assert re.search("[0-9]", english), text


def test_a_broken_file_is_named_as_the_file_not_as_a_sheet(small):
    from tests.spreadsheet_payloads import truncated

    ncdd = small.get(username="ncdd")
    data = truncated(exported(year=2025))
    for language, said in (("en", "This Excel file cannot be read."), ("km", None)):
        with translation.override(language):
            [message] = messages(check(data, ncdd))
        assert "Sheet" not in message and "សន្លឹក" not in message, message
        assert said is None or message == said


def test_cells_in_khmer_with_english_beneath_have_room_for_both_lines(small):
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(exported(year=2026)))
    instructions = workbook.worksheets[0]
    for row in instructions.iter_rows():
        text = row[0].value or ""
        if "\n" in text:
            height = instructions.row_dimensions[row[0].row].height
            assert height and height >= 18 * (text.count("\n") + 1), (text, height)
    sheet = workbook[REVENUE]
    two_lines = [
        cell
        for row in sheet.iter_rows(min_row=3)
        for cell in row
        if isinstance(cell.value, str) and "\n" in cell.value
    ]
    assert two_lines
    for cell in two_lines:
        assert cell.alignment.wrap_text, cell.coordinate
        assert (sheet.row_dimensions[cell.row].height or 0) >= 30, cell.coordinate
