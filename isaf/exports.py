"""One export writer for every CSV and XLSX that the portal hands out.

Open data and dashboards are opened in spreadsheet programs, which run any cell
that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage return)
as a formula: a project named `=HYPERLINK("http://x","y")` would become a live
link in a reviewer's spreadsheet. So every text cell that starts with one of
those characters is written as text: in CSV with a leading single quote, as
OWASP advises; in XLSX as an explicit string cell, never a formula. Real numbers
stay numbers so that a spreadsheet can add them up.

Both writers take rows as iterables of plain values and write every row given:
nothing here keys or merges rows. The CSV is streamed, so the whole country's
open data never sits in memory at once; it starts with a byte-order mark,
without which Excel reads UTF-8 Khmer as mojibake.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TYPES = (int, float, Decimal)
NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]+)?")


def is_formula_like(value) -> bool:
    """True for text that a spreadsheet program would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def _plain(value):
    """Lazy translations become text; everything else is left as it is."""
    return str(value) if isinstance(value, Promise) else value


def csv_value(value):
    """A value as one CSV cell: numbers as numbers, dates in ISO form, and
    formula-like text behind a single quote so that it reads as text."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, NUMBER_TYPES):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    value = str(value)
    if NEGATIVE_NUMBER.fullmatch(value):
        # A decimal kept as text to keep its digits is a number, not a formula.
        return value
    return "'" + value if is_formula_like(value) else value


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, bom: bool = True) -> Iterator[str]:
    """The CSV text of the rows, one line at a time, neutralised."""
    writer = csv.writer(_Echo())
    first = True
    for row in rows:
        line = writer.writerow([csv_value(value) for value in row])
        if first and bom:
            line = BOM + line
        first = False
        yield line
    if first and bom:
        yield BOM


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    rows: Iterable[Iterable], *, filename: str, streaming: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download of every row, the first row being the header.

    Streamed for exports as large as the country; whole for the small ones, so
    that proxies and caches see their length.
    """
    lines = csv_lines(rows)
    if streaming:
        response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
    else:
        response = HttpResponse("".join(lines), content_type=CSV_TYPE)
    return _attachment(response, filename)


@dataclass
class Sheet:
    """One worksheet: a title (at most 31 characters, unique in the workbook),
    its rows, and optional presentation that never changes a value."""

    title: str
    rows: Iterable[Iterable]
    bold_rows: frozenset[int] = frozenset()
    widths: tuple[float | None, ...] = ()
    date_format: str = "yyyy-mm-dd"


def xlsx_cell(sheet, value, *, bold: bool = False, date_format: str = "yyyy-mm-dd"):
    """One write-only cell: numbers and dates typed as such, all text stored as
    an explicit string so that nothing typed by a person becomes a formula."""
    value = _plain(value)
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)
    if value is None or isinstance(value, (bool, datetime.date, *NUMBER_TYPES)):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = date_format
    else:
        # openpyxl reads a string starting with "=" as a formula; assign, then
        # say explicitly that the cell holds text.
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_keep_text(cell) -> None:
    """Mark a text cell of an ordinary (not write-only) workbook as a string,
    for the few sheets that need features write-only mode lacks."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook written row by row (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for index, width in enumerate(spec.widths):
            if width:
                sheet.column_dimensions[get_column_letter(index + 1)].width = width
        for number, row in enumerate(spec.rows):
            sheet.append(
                [
                    xlsx_cell(
                        sheet,
                        value,
                        bold=number in spec.bold_rows,
                        date_format=spec.date_format,
                    )
                    for value in row
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: Iterable[Sheet], *, filename: str) -> HttpResponse:
    return _attachment(
        HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename
    )
