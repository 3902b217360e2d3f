"""Uploaded spreadsheets are bounded before they are parsed (isaf.spreadsheets)."""

import io
import resource
import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from isaf.spreadsheets import (
    Bounds,
    cell_text,
    sheet_rows,
    spreadsheet_check,
    spreadsheet_open,
)
from tests.spreadsheet_payloads import (
    too_many_members,
    truncated,
    with_dimension,
    zip_bomb,
)

DEFAULT = Bounds()


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(data: bytes, bounds=DEFAULT) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        spreadsheet_check(io.BytesIO(data), bounds)
    return caught.value


def read_all(data: bytes, bounds=DEFAULT) -> list:
    workbook = spreadsheet_open(io.BytesIO(data), bounds)
    try:
        return list(sheet_rows(workbook.worksheets[0], bounds))
    finally:
        workbook.close()


def test_a_decompression_bomb_is_refused_before_reading_it_with_memory_bounded():
    bomb = zip_bomb(900)
    assert len(bomb) < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    error = refused(bomb)
    assert error.code == "bomb"
    assert time.monotonic() - started < 1
    # Peak memory grew by far less than what the file unzips to (900 MB).
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50 * 1024


def test_the_bomb_is_refused_in_khmer_for_a_khmer_page():
    with translation.override("km"):
        error = refused(zip_bomb(900))
    assert "Excel" in error.messages[0] and "unzips" not in error.messages[0]


def test_a_member_over_the_size_bound_is_refused_even_when_it_compresses_badly():
    bounds = Bounds(max_member_bytes=1000, max_total_bytes=10**9)
    assert refused(xlsx([["x" * 5000]]), bounds).code == "bomb"


def test_too_many_members_are_refused():
    assert refused(too_many_members(500)).code == "members"


def test_a_file_that_is_not_a_zip_is_refused_as_not_excel():
    assert refused(b"name,votes\nA,1\n").code == "not_xlsx"


def test_a_file_over_the_upload_size_is_refused_by_its_size():
    assert refused(xlsx([[1]]), Bounds(max_bytes=100)).code == "too_large"


def test_a_sheet_declaring_too_many_rows_or_columns_is_refused_before_parsing():
    data = xlsx([[1, 2], [3, 4]])
    assert refused(with_dimension(data, "A1:B90000")).code == "rows"
    assert refused(with_dimension(data, "A1:ZZZ2")).code == "columns"
    assert refused(with_dimension(data, "A1:B99999999999999999")).code == "rows"


def test_a_sheet_that_lies_about_its_size_is_cut_as_it_is_read():
    data = with_dimension(xlsx([[i] for i in range(50)]), "A1:A2")
    with pytest.raises(ValidationError) as caught:
        read_all(data, Bounds(max_rows=20))
    assert caught.value.code == "rows"


def test_a_value_beyond_the_last_column_is_refused():
    data = xlsx([[1, None, None, "extra"]])
    with pytest.raises(ValidationError) as caught:
        read_all(data, Bounds(max_columns=3))
    assert caught.value.code == "columns"
    assert read_all(xlsx([[1, 2, 3]]), Bounds(max_columns=3)) == [(1, 2, 3)]


def test_a_truncated_sheet_is_a_clear_error_not_a_crash():
    data = truncated(xlsx([[f"row {i}", i] for i in range(2000)]))
    with pytest.raises(ValidationError) as caught:
        read_all(data)
    assert caught.value.code == "unreadable"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12, "12"),
        (12.0, "12"),
        (1.5, "1.5"),
        ("  ១២ ", "១២"),
        (True, "TRUE"),
    ],
)
def test_a_cell_reads_as_the_text_a_form_would_get(value, text):
    assert cell_text(value) == text
