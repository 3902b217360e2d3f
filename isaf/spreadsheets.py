"""Reading uploaded spreadsheets safely: bounded before they are parsed.

An XLSX file is a zip of XML files. A small upload can unzip to gigabytes (a
1.75 MB file that unzips to 900 MB once exhausted the server), so before
openpyxl sees a byte, the zip's directory is read and the file is refused when
it has too many members, a member or the whole is larger than the bounds
uncompressed, or a large member compresses suspiciously well. The sizes a zip
declares are a true bound: Python's zipfile never inflates a member past its
declared size, and a member that lies fails its CRC check.

Then every XML part is streamed once through a few byte patterns, still before
openpyxl: a sheet is refused when it has more rows, cells or a farther column
than the bounds, whatever its declared dimension says (a sheet of a million
rows, or rows padded to column XFD, would otherwise keep a worker busy for
minutes); the shared-strings table, which openpyxl keeps whole in memory, is
refused past `max_strings` entries; a part declaring a DTD or entities (the
"billion laughs") is refused, as openpyxl's parser (defusedxml, a dependency)
would refuse it too; and a workbook with macros is refused. Finally the rows are
read one at a time (openpyxl's read-only mode streams them), counted and cut at
the bounds as they come. Every refusal is a translated `ValidationError`; a
broken file ("cannot be read") is one too, never a server error.

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
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils import column_index_from_string

from .formatting import format_number

XLSX_SIGNATURE = b"PK\x03\x04"
MB = 1024 * 1024
# A member smaller than this may compress as well as it likes (an empty sheet
# of styles does); a larger one that shrinks more than RATIO times is a bomb.
RATIO_FLOOR = 1 * MB
# The byte patterns of the streaming scan (namespace prefixes allowed). XML
# allows no raw "<" inside a tag or in text, so a chunk cut at its last "<"
# never splits a tag.
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*?\br=\"(\d+)\"")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
# Only references of three letters or more (column AAA, 703, onwards) can pass
# the column cap, so only those are collected.
_FAR_COLUMN = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br=\"([A-Z]{3,})[0-9]")
_STRING_TAG = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
SCAN_CHUNK = MB
SCAN_CARRY = 64 * 1024
# A cell may sit beyond the last column read (a formatted empty cell), but not
# beyond LibreOffice's classic last column: openpyxl pads every row up to the
# farthest cell, so rows reaching column XFD cost minutes to read.
MAX_COLUMN_REACH = 1024
MACRO_PARTS = ("xl/vbaProject.bin",)
MACRO_TYPE = b"macroEnabled"
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
    # Different texts in the workbook: openpyxl reads them all into memory.
    max_strings: int = 50_000


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
            _check_macros(archive, members)
            for member in members:
                if _is_sheet(member.filename):
                    with archive.open(member) as xml:
                        _check_dimension(xml.read(4096), bounds)
            for member in members:
                _scan_member(archive, member, bounds)
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


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _check_macros(archive, members) -> None:
    """A macro-enabled workbook (.xlsm) is refused: its macros would never run
    here, but the template is a plain workbook and a macro file is a risk to
    whoever downloads what was uploaded."""
    names = {m.filename for m in members}
    types = b""
    if "[Content_Types].xml" in names:
        with archive.open("[Content_Types].xml") as xml:
            types = xml.read(256 * 1024)
    if names.intersection(MACRO_PARTS) or MACRO_TYPE in types:
        raise _refuse(
            _(
                "This workbook contains macros. Save it as an Excel Workbook "
                "(.xlsx), without macros, and upload it again."
            ),
            "macros",
        )


def _chunks(xml) -> Iterator[bytes]:
    """The member's bytes in pieces that end before a "<", so that no tag is
    split between two pieces (a tag longer than SCAN_CARRY may be: it is then
    scanned in parts, and the reading cuts it at the bounds anyway)."""
    carry = b""
    while True:
        data = xml.read(SCAN_CHUNK)
        if not data:
            if carry:
                yield carry
            return
        data = carry + data
        cut = data.rfind(b"<")
        if cut <= 0 or len(data) - cut > SCAN_CARRY:
            carry = b""
            yield data
        else:
            carry = data[cut:]
            yield data[:cut]


def _scan_member(archive, member, bounds: Bounds) -> None:
    """Stream one part through the byte patterns; refuse at the first bound
    passed, having inflated no more than that part's (bounded) size."""
    name = member.filename
    if not name.endswith((".xml", ".rels", ".vml")):
        return
    sheet, strings = _is_sheet(name), name == "xl/sharedStrings.xml"
    rows = cells = last_row = texts = 0
    with archive.open(member) as xml:
        for chunk in _chunks(xml):
            if _DTD.search(chunk):
                raise _refuse(_("This Excel file cannot be read."), "unreadable")
            if strings:
                texts += len(_STRING_TAG.findall(chunk))
                if texts > bounds.max_strings:
                    raise _refuse(
                        _("The workbook holds more than %(limit)s different texts.")
                        % {"limit": format_number(bounds.max_strings)},
                        "strings",
                    )
            if not sheet:
                continue
            rows += len(_ROW_TAG.findall(chunk))
            numbers = _ROW_NUMBER.findall(chunk)
            if numbers:
                last = max(numbers, key=lambda n: (len(n), n))
                last_row = max(last_row, int(last) if len(last) < 12 else 10**12)
            if max(rows, last_row) > bounds.max_rows:
                raise _too_many_rows(bounds)
            cells += len(_CELL_TAG.findall(chunk))
            far = _FAR_COLUMN.findall(chunk)
            if cells > bounds.max_rows * bounds.max_columns or any(
                len(c) > 3 or column_index_from_string(c.decode()) > MAX_COLUMN_REACH
                for c in set(far)
            ):
                raise _too_many_columns(bounds)


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


def spreadsheet_open(file, bounds: Bounds = DEFAULT_BOUNDS):
    """The checked file as a read-only openpyxl workbook; close it when done.

    Formulas are read as the text typed (`=HYPERLINK(...)`), never as the value
    a spreadsheet program last computed for them: a number field then refuses
    the formula by its row, as a form would refuse the text.
    """
    spreadsheet_check(file, bounds)
    try:
        return load_workbook(file, read_only=True, data_only=False)
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
            # Padding is counted in C (None, or openpyxl's one empty cell); only
            # the other cells are looked at one by one.
            padding = extra.count(None) if values_only else extra.count(EMPTY_CELL)
            if padding < len(extra):
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
