"""Reading uploaded spreadsheets safely: bounded before they are parsed.

An XLSX file is a zip of XML files. A small upload can unzip to gigabytes (a
1.75 MB file that unzips to 900 MB once exhausted the server), so before
openpyxl sees a byte, the zip's directory is read and the file is refused when
it has too many members, a member or the whole is larger than the bounds
uncompressed, or a large member compresses suspiciously well. The sizes a zip
declares are a true bound: Python's zipfile never inflates a member past its
declared size, and a member that lies fails its CRC check.

Then each sheet's declared dimension is checked, and the rows are read one at a
time (openpyxl's read-only mode streams them), counted and cut at the bounds as
they come, so a sheet that lies about its dimension is refused too. Every
refusal is a translated `ValidationError`; a broken file ("cannot be read") is
one too, never a server error.

Cells are read back into text by `cell_text` so that a number typed in a sheet
goes through the same parser (`isaf.numbers`) as one typed in a form.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from .formatting import format_number

XLSX_SIGNATURE = b"PK\x03\x04"
MB = 1024 * 1024
# A member smaller than this may compress as well as it likes (an empty sheet
# of styles does); a larger one that shrinks more than RATIO times is a bomb.
RATIO_FLOOR = 1 * MB
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"'
)


@dataclass(frozen=True)
class Bounds:
    """What an upload may be: its size as sent, its zip, and each sheet."""

    max_bytes: int = 2 * MB
    max_members: int = 100
    max_member_bytes: int = 40 * MB
    max_total_bytes: int = 60 * MB
    max_ratio: int = 100
    max_rows: int = 10_000
    max_columns: int = 100


DEFAULT_BOUNDS = Bounds()


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _head(file, length: int) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return size


def _megabytes(size: int) -> str:
    return format_number(max(1, round(size / MB)))


def spreadsheet_check(file, bounds: Bounds = DEFAULT_BOUNDS) -> None:
    """Refuse, with a translated reason, a file that is not an XLSX within the
    bounds. Reads only the zip's directory and each sheet's first bytes."""
    if _size(file) > bounds.max_bytes:
        raise _refuse(
            _("The file is too large: at most %(size)s MB.")
            % {"size": _megabytes(bounds.max_bytes)},
            "too_large",
        )
    if _head(file, 4) != XLSX_SIGNATURE:
        raise _refuse(_("This is not an Excel (.xlsx) file."), "not_xlsx")
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_members(members, bounds)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and (
                    member.filename.endswith(".xml")
                ):
                    with archive.open(member) as xml:
                        _check_dimension(xml.read(4096), bounds)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise _refuse(_("This Excel file cannot be read."), "unreadable") from None
    finally:
        file.seek(0)


def _check_members(members, bounds: Bounds) -> None:
    if len(members) > bounds.max_members:
        raise _refuse(
            _("This Excel file holds too many parts to be a workbook."), "members"
        )
    total = 0
    for member in members:
        total += member.file_size
        large = member.file_size > RATIO_FLOOR
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > bounds.max_member_bytes or (
            large and ratio > bounds.max_ratio
        ):
            raise _refuse(
                _(
                    "This Excel file unzips to far more than it weighs, so it "
                    "was refused before reading it. Save it again from your "
                    "spreadsheet program, or split it."
                ),
                "bomb",
            )
    if total > bounds.max_total_bytes:
        raise _refuse(
            _("This Excel file is too large once unzipped: at most %(size)s MB.")
            % {"size": _megabytes(bounds.max_total_bytes)},
            "too_large_unzipped",
        )


def _too_many_rows(bounds: Bounds) -> ValidationError:
    return _refuse(
        _("A sheet has more than %(limit)s rows.")
        % {"limit": format_number(bounds.max_rows)},
        "rows",
    )


def _too_many_columns(bounds: Bounds) -> ValidationError:
    return _refuse(
        _("A sheet has more than %(limit)s columns.")
        % {"limit": format_number(bounds.max_columns)},
        "columns",
    )


def _check_dimension(head: bytes, bounds: Bounds) -> None:
    """Refuse a sheet whose declared size is beyond the bounds (a sheet may
    declare nothing: the rows are counted as they are read anyway)."""
    match = _DIMENSION.search(head)
    if not match:
        return
    groups = [g.decode() if g else None for g in match.groups()]
    last_column, last_row = groups[2] or groups[0], groups[3] or groups[1]
    if last_row and len(last_row) < 12 and int(last_row) > bounds.max_rows + 1:
        raise _too_many_rows(bounds)
    if last_row and len(last_row) >= 12:
        raise _too_many_rows(bounds)
    if last_column and (
        len(last_column) > 3
        or column_index_from_string(last_column) > bounds.max_columns
    ):
        raise _too_many_columns(bounds)


def spreadsheet_open(file, bounds: Bounds = DEFAULT_BOUNDS, *, data_only: bool = True):
    """The checked file as a read-only openpyxl workbook; close it when done."""
    spreadsheet_check(file, bounds)
    try:
        return load_workbook(file, read_only=True, data_only=data_only)
    except Exception:  # openpyxl raises many kinds; all mean "cannot read it"
        raise _refuse(_("This Excel file cannot be read."), "unreadable") from None


def sheet_rows(
    sheet, bounds: Bounds = DEFAULT_BOUNDS, *, values_only: bool = True
) -> Iterator[tuple]:
    """The rows of a read-only sheet, at most `bounds.max_columns` cells each,
    refused past `bounds.max_rows` or when a cell lies beyond the last column.

    The XML is parsed as it is read: a broken sheet (a truncated file) raises a
    translated ValidationError where it breaks.
    """
    if hasattr(sheet, "reset_dimensions"):
        # A read-only sheet stops at its declared last row: read what is there.
        sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=values_only)
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except ValidationError:
            raise
        except Exception:
            raise _refuse(_("This Excel file cannot be read."), "unreadable") from None
        count += 1
        if count > bounds.max_rows:
            raise _too_many_rows(bounds)
        if len(row) > bounds.max_columns:
            extra = row[bounds.max_columns :]
            values = extra if values_only else [c.value for c in extra]
            if any(v not in (None, "") for v in values):
                raise _too_many_columns(bounds)
            row = row[: bounds.max_columns]
        yield row


def cell_text(value) -> str:
    """A cell as the text a person would have typed in a form, for the one
    number parser and the forms: whole numbers without a decimal mark, other
    numbers in their shortest exact form, text stripped, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        # A TRUE/FALSE cell in a number column is not a number.
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return str(value).strip()
