import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from isaf.exports import Sheet, csv_lines, csv_response, xlsx_bytes
from tests.spreadsheet_payloads import FORMULAS as PAYLOADS

# Text that merely contains the separators that keys were once built from.
HARMLESS = ["Road | bridge", "a=b", "Laterite road", "ផ្លូវ"]


def read_csv(lines) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_writes_formula_like_text_behind_a_single_quote(payload):
    rows = read_csv(csv_lines([["name"], [payload]]))
    assert rows[1] == ["'" + payload]


@pytest.mark.parametrize("text", HARMLESS)
def test_csv_writes_other_text_as_typed(text):
    assert read_csv(csv_lines([[text]])) == [[text]]


def test_csv_keeps_numbers_as_numbers_even_negative_ones():
    rows = read_csv(csv_lines([[-3, 1.5, Decimal("2.25"), 0, None]]))
    assert rows == [["-3", "1.5", "2.25", "0", ""]]


def test_csv_keeps_a_negative_decimal_kept_as_text_as_a_number():
    assert read_csv(csv_lines([["-2.50", "-3", "-2+3", "-1e5"]])) == [
        ["-2.50", "-3", "'-2+3", "'-1e5"]
    ]


def test_csv_writes_dates_in_iso_form():
    rows = read_csv(csv_lines([[datetime.date(2026, 3, 5)]]))
    assert rows == [["2026-03-05"]]


def test_csv_writes_every_row_even_identical_ones():
    rows = read_csv(csv_lines([["h"], ["same"], ["same"], ["a|b"]]))
    assert rows == [["h"], ["same"], ["same"], ["a|b"]]


def test_csv_response_is_an_attachment_with_a_byte_order_mark():
    response = csv_response([["h"], [1]], filename="x.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == "\ufeffh\r\n1\r\n"


def test_a_streamed_csv_response_holds_the_same_text():
    response = csv_response([["h"], [1]], filename="x.csv", streaming=True)
    assert b"".join(response.streaming_content).decode() == "\ufeffh\r\n1\r\n"


def test_xlsx_holds_no_formula_and_keeps_the_text_as_typed():
    data = xlsx_bytes(
        [Sheet(title="t", rows=[["name", "n"], *[[p, 1] for p in PAYLOADS]])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    # XML reads a carriage return back as a line feed; the text is otherwise kept.
    typed = [p.replace("\r", "\n") for p in PAYLOADS]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == typed


def test_xlsx_keeps_numbers_and_dates_typed():
    data = xlsx_bytes(
        [Sheet(title="t", rows=[[-3, Decimal("1.5"), datetime.date(2026, 3, 5)]])]
    )
    row = next(load_workbook(io.BytesIO(data)).active.iter_rows())
    assert row[0].value == -3 and row[0].data_type == "n"
    assert row[1].value == 1.5
    assert row[2].value == datetime.datetime(2026, 3, 5)
