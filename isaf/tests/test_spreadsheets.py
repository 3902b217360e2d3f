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
from tests import quality
from tests.spreadsheet_payloads import (
    BILLION_LAUGHS,
    declared_huge,
    entity_bomb,
    lying_size,
    many_columns,
    many_rows,
    shared_strings_bomb,
    too_many_members,
    truncated,
    wide_rows,
    with_dimension,
    with_macros,
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


# Bombs of every kind: refused before openpyxl parses anything, in bounded time
# and memory, measured in a fresh process (this one's peak is the test run's).

PARSE_IN_A_FRESH_PROCESS = """
import io, json, sys, time
import django
from django.conf import settings
settings.configure(USE_I18N=True, LANGUAGE_CODE="en")
django.setup()
from django.core.exceptions import ValidationError
from isaf.spreadsheets import Bounds, sheet_rows, spreadsheet_open
MB = 1024 * 1024
# The I4C workbook's bounds, the widest of any upload.
bounds = Bounds(max_bytes=15 * MB, max_members=80, max_member_bytes=80 * MB,
                max_total_bytes=160 * MB, max_rows=20_000, max_columns=60,
                max_strings=200_000)
data = sys.stdin.buffer.read()
def peak_mb():
    # This process's own high-water mark (ru_maxrss would carry the pytest
    # parent's across fork and exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = peak_mb()
started = time.monotonic()
code = "accepted"
try:
    workbook = spreadsheet_open(io.BytesIO(data), bounds)
    for sheet in workbook.worksheets:
        for _ in sheet_rows(sheet, bounds):
            pass
except ValidationError as error:
    code = error.code
print(json.dumps({
    "code": code,
    "seconds": time.monotonic() - started,
    "grown_mb": peak_mb() - before,
    "peak_mb": peak_mb(),
}))
"""


def parsed_in_a_fresh_process(data: bytes) -> dict:
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PARSE_IN_A_FRESH_PROCESS],
        input=data,
        capture_output=True,
        cwd=root,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def template() -> bytes:
    return xlsx([[f"name {i}", i, "x"] for i in range(5)])


BOMBS = {
    "zip bomb, 900 MB unzipped": lambda: zip_bomb(900),
    "sheet declared 5 GB": lambda: declared_huge(template()),
    "sheet inflating past its declared size": lambda: lying_size(template(), 200),
    "1.4 million shared strings": lambda: shared_strings_bomb(template(), 1_400_000),
    "a million rows, no dimension": lambda: many_rows(template(), 1_000_000),
    "20,000 rows padded to column XFD": lambda: wide_rows(template(), 20_000),
    "16,384 columns": lambda: many_columns(template()),
    "dimension A1:XFD1048576": lambda: with_dimension(template(), "A1:XFD1048576"),
    "billion laughs": lambda: entity_bomb(template()),
}


@pytest.mark.parametrize("case", BOMBS)
def test_a_bomb_is_refused_within_300_mb_and_5_seconds(case):
    figures = parsed_in_a_fresh_process(BOMBS[case]())
    quality.record("hostile.tried")
    print(case, figures)
    assert figures["code"] != "accepted"
    assert figures["seconds"] < 5
    assert figures["peak_mb"] < 300


@pytest.mark.parametrize(
    "case",
    [
        "1.4 million shared strings",
        "a million rows, no dimension",
        "20,000 rows padded to column XFD",
        "billion laughs",
    ],
)
def test_the_bounds_are_checked_before_openpyxl_reads_a_byte(case, monkeypatch):
    import isaf.spreadsheets

    def never(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse a bomb")

    monkeypatch.setattr(isaf.spreadsheets, "load_workbook", never)
    with pytest.raises(ValidationError):
        spreadsheet_open(io.BytesIO(BOMBS[case]()), Bounds(max_strings=200_000))


def test_openpyxl_parses_with_defusedxml_which_refuses_entities():
    import openpyxl
    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import fromstring

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(EntitiesForbidden):
        fromstring(BILLION_LAUGHS + b"<a>&lol9;</a>")


def test_a_macro_enabled_workbook_is_refused():
    assert refused(with_macros(template())).code == "macros"


def test_a_formula_is_read_as_its_text_never_as_a_computed_value():
    workbook = Workbook()
    workbook.active.append(['=HYPERLINK("http://x","y")', "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_all(buffer.getvalue()) == [('=HYPERLINK("http://x","y")', "=1+1")]


def test_an_ordinary_workbook_passes_the_scan():
    data = xlsx([[f"ភូមិ {i}", i, -i, 1.5] for i in range(2000)])
    assert len(read_all(data)) == 2000
