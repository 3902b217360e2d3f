"""Writing the workbook: instructions, a sheet per kind and section, the lists
behind the drop-downs, and the versions each row was read at.

Written row by row in openpyxl's write-only mode, so a province's workbook
never sits in memory as cells; every text cell goes through
`isaf.exports.xlsx_cell`, so a project named "=HYPERLINK(...)" stays text. The
sheets are protected without a password: the identity columns and the headers
are locked against slips, the figures are not, and rows may be added to the
sheets of free lines (projects, fees, hours).
"""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from communes.models import Village
from isaf.exports import xlsx_cell
from isaf.formatting import format_date, format_digits

from ..models import NationalStandard, Package
from .content import Current
from .layout import (
    FIRST_ROW,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    META_SHEET,
    NO,
    YES,
    Column,
    SheetLayout,
    both,
    both_with,
    choice_label,
    workbook_layouts,
    yes_no_label,
)
from .messages import INSTRUCTIONS

SCHEMA = 1
# Blank rows offered below the free lines of each sheet, for new lines.
BLANK_ROWS = 30
HEADER_FILL = PatternFill("solid", fgColor="DDE7EE")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
UNLOCKED = Protection(locked=False)
# The height of a line of Khmer at 11 points (its stacked vowels and subscripts
# need more than Latin's 15), and about how many characters of the
# instructions fit on a line of their 110-wide column.
LINE_HEIGHT = 20
INSTRUCTION_CHARS_PER_LINE = 100
WRAP = Alignment(wrap_text=True, vertical="top")


def village_label(village: Village) -> str:
    return f"{village.code} {village.name_km} ({village.name_latin})"


def _status(current: Current) -> str:
    if current.package is not None:
        return both(Package.Status(current.package.status).label)
    if current.carried_from:
        year = current.carried_from
        return both_with(
            _("Starting from %(year)s"),
            year=lambda lang: format_digits(year, lang=lang),
        )
    return ""


def _standard(standard: NationalStandard) -> str:
    sign = "≤" if standard.comparison == NationalStandard.Comparison.AT_MOST else "≥"
    value = standard.value.normalize()
    value = f"{value:f}"
    unit = " %" if standard.unit == NationalStandard.Unit.PERCENT else ""
    return f"{sign} {value}{unit}"


def _identity(current: Current) -> dict:
    provider = current.provider
    commune = provider.commune
    return {
        "code": provider.code,
        "name_km": provider.name_km or provider.name,
        "name_en": provider.name_en or provider.name,
        "commune": f"{commune.name_km} ({commune.name_latin})",
        "status": _status(current),
    }


def _wide_values(layout: SheetLayout, content: tuple) -> dict:
    """A fixed-lines section as {column key: value} for one provider's row."""
    kind = layout.section.content
    values = {}
    if kind == "budget":
        for side, category, planned, actual in content:
            values[f"{side}:{category}:planned"] = planned
            values[f"{side}:{category}:actual"] = actual
    elif kind in ("staff", "enrolment"):
        for line, female, male in content:
            values[f"{line}:female"] = female
            values[f"{line}:male"] = male
    elif kind == "performance":
        for code, value, target in content:
            values[f"{code}:value"] = value
            values[f"{code}:target"] = target
    elif kind == "facts":
        values["classrooms"] = content[0]
        values["no_informal_fees"] = yes_no_label(content[1])
    for column in layout.columns:
        if column.standard is not None:
            values[column.key] = _standard(column.standard)
    return values


def _free_values(layout: SheetLayout, line: tuple, villages: dict) -> dict:
    kind = layout.section.content
    if kind == "projects":
        name, sector, village, cost, funding, status = line
        by_key = {c.key: c for c in layout.columns}
        return {
            "name": name,
            "sector": choice_label(by_key["sector"].choices, sector),
            "village": village_label(villages[village]) if village else "",
            "cost": cost,
            "funding": choice_label(by_key["funding"].choices, funding),
            "project_status": choice_label(by_key["project_status"].choices, status),
        }
    if kind == "fees":
        service, fee, processing_time, exemptions = line
        return {
            "service": service,
            "fee": fee,
            "processing_time": processing_time,
            "exemptions": exemptions,
        }
    service, hours, is_24_hour = line
    return {"service": service, "hours": hours, "is_24_hour": yes_no_label(is_24_hour)}


def _cell(sheet, column: Column, value, *, locked: bool):
    cell = xlsx_cell(sheet, value)
    if locked:
        cell.fill = LOCKED_FILL
    else:
        cell.protection = UNLOCKED
    if column.kind == "number" and isinstance(value, int):
        cell.number_format = "#,##0"
    if isinstance(value, str) and "\n" in value:
        cell.alignment = WRAP
    return cell


def _rows(layout: SheetLayout, currents: list[Current], villages: dict):
    """The data rows of one sheet, as lists of (column, value, locked)."""
    for current in currents:
        identity = _identity(current)
        content = current.sections[layout.section.key]
        if layout.free_rows:
            lines = content or [None]
            for line in lines:
                values = _free_values(layout, line, villages) if line else {}
                yield identity | values
        else:
            yield identity | _wide_values(layout, content)


def _lists(workbook, layouts: list[SheetLayout], villages: dict) -> dict:
    """The hidden sheet of drop-down values; returns {column key: range}."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    lists: dict[str, list[str]] = {"yesno": [yes_no_label(True), yes_no_label(False)]}
    for layout in layouts:
        for column in layout.columns:
            if column.kind == "choice" and column.key not in lists:
                lists[column.key] = [
                    choice_label(column.choices, v) for v, _l in column.choices
                ]
    lists["village"] = [village_label(v) for v in villages.values()] or [""]
    keys = list(lists)
    longest = max(len(values) for values in lists.values())
    for index in range(longest):
        sheet.append(
            [lists[key][index] if index < len(lists[key]) else None for key in keys]
        )
    ranges = {}
    for position, key in enumerate(keys, start=1):
        letter = get_column_letter(position)
        ranges[key] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(lists[key])}"
        )
    return ranges


def _validations(sheet, layout: SheetLayout, last_row: int, ranges: dict) -> None:
    for index, column in enumerate(layout.columns, start=1):
        source = {"choice": column.key, "yesno": "yesno", "village": "village"}.get(
            column.kind
        )
        if source is None:
            continue
        validation = DataValidation(
            type="list",
            formula1=f"={ranges[source]}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=both(column.label[0]).split("\n")[0],
            error="សូមជ្រើសពីបញ្ជី។ Choose a value from the list.",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_ROW}:{letter}{max(last_row, FIRST_ROW)}")
        sheet.data_validations.append(validation)


def _sheet(workbook, layout, currents, villages, ranges) -> None:
    sheet = workbook.create_sheet(layout.title)
    for index, column in enumerate(layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 96
    sheet.row_dimensions[2].hidden = True
    sheet.freeze_panes = f"C{FIRST_ROW}"
    header = []
    for column in layout.columns:
        cell = xlsx_cell(sheet, column.header())
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        header.append(cell)
    sheet.append(header)
    sheet.append([xlsx_cell(sheet, column.key) for column in layout.columns])
    last = FIRST_ROW - 1
    for values in _rows(layout, currents, villages):
        lines = max(
            (v.count("\n") + 1 for v in values.values() if isinstance(v, str)),
            default=1,
        )
        if lines > 1:
            # Written before the row: a row's height goes out with it.
            sheet.row_dimensions[last + 1].height = LINE_HEIGHT * lines
        sheet.append(
            [
                _cell(
                    sheet,
                    c,
                    values.get(c.key),
                    locked=not c.is_read or c.kind == "code",
                )
                for c in layout.columns
            ]
        )
        last += 1
    if layout.free_rows:
        for _row in range(BLANK_ROWS):
            sheet.append(
                [_cell(sheet, c, None, locked=c.kind == "info") for c in layout.columns]
            )
            last += 1
    _validations(sheet, layout, last, ranges)
    protection = sheet.protection
    protection.sheet = True
    # Allowed on a protected sheet: adding and removing rows of free lines,
    # sorting, filtering, resizing.
    protection.insertRows = not layout.free_rows
    protection.deleteRows = not layout.free_rows
    protection.formatColumns = False
    protection.formatRows = False
    protection.sort = False
    protection.autoFilter = False


def _instructions(workbook, *, year: int, scope: str) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    sheet.column_dimensions["A"].width = 110
    today = timezone.localdate()
    lines = [
        both_with(
            "%(title)s · %(year)s",
            title=lambda lang: _("I4C workbook"),
            year=lambda lang: format_digits(year, lang=lang),
        ),
        scope,
        both_with(
            _("Downloaded on %(date)s"),
            date=lambda lang: format_date(today, lang=lang),
        ),
        "",
        *[both(line) for line in INSTRUCTIONS],
    ]
    for number, line in enumerate(lines):
        # A spreadsheet program does not grow a row for wrapped text it did
        # not write itself: each row is given the height of its lines.
        wrapped = sum(
            1 + len(part) // INSTRUCTION_CHARS_PER_LINE for part in line.split("\n")
        )
        size = 14 if number == 0 else 11
        sheet.row_dimensions[number + 1].height = LINE_HEIGHT * wrapped * size / 11
        cell = xlsx_cell(sheet, line)
        cell.alignment = WRAP
        if number == 0:
            cell.font = Font(bold=True, size=14)
        sheet.append([cell])


def _meta(workbook, *, year: int, currents: list[Current]) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "hidden"
    sheet.append(["year", year])
    sheet.append(["schema", SCHEMA])
    for current in currents:
        sheet.append([current.provider.code, current.version])


def workbook_bytes(
    *, currents: dict[str, Current], year: int, scope: str = ""
) -> bytes:
    """The whole workbook for these providers' contents and year."""
    with translation.override("km"):
        layouts = workbook_layouts()
        by_kind: dict[str, list[Current]] = {}
        for current in currents.values():
            by_kind.setdefault(current.provider.kind, []).append(current)
        communes = {c.provider.commune_id for c in currents.values()}
        villages = {
            v.code: v
            for v in Village.objects.filter(commune_id__in=communes).order_by("code")
        }
        workbook = Workbook(write_only=True)
        _instructions(workbook, year=year, scope=scope)
        ranges = _lists(workbook, layouts, villages)
        for layout in layouts:
            _sheet(workbook, layout, by_kind.get(layout.kind, []), villages, ranges)
        _meta(workbook, year=year, currents=list(currents.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["NO", "YES", "workbook_bytes"]
