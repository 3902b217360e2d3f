"""Reading a filled workbook back: every cell checked by the web forms' rules.

The file is bounded before it is parsed (`isaf.spreadsheets`), then each sheet
is read row by row. Each row's figures go through the very forms the section
pages use (`i4c.forms`), so a cell is refused for exactly the reasons a field
would be, in the same words; every problem is collected with its sheet, row,
column and the value refused, and nothing is decided here: the plan
(`plan.py`) compares what was read with the portal, and the services write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from communes.models import ServiceProvider, Village
from isaf.formatting import format_number
from isaf.numbers import normalise_number_text
from isaf.spreadsheets import Bounds, cell_text, sheet_rows, spreadsheet_open

from .layout import (
    INSTRUCTIONS_SHEET,
    KEY_ROW,
    KIND_LABELS,
    LISTS_SHEET,
    META_SHEET,
    NO,
    YES,
    SheetLayout,
    workbook_layouts,
)
from .rows import FormPool, row_read

MB = 1024 * 1024
WORKBOOK_BOUNDS = Bounds(
    max_bytes=15 * MB,
    max_members=80,
    max_member_bytes=80 * MB,
    max_total_bytes=160 * MB,
    max_rows=20_000,
    max_columns=60,
    # About ten different texts a row at most (names, villages, projects).
    max_strings=200_000,
)


@dataclass
class CellError:
    """One refused cell (or row, or sheet, or the whole file when `sheet` is
    empty), named as a person would find it."""

    sheet: str
    row: int | None = None
    column: str = ""
    header: str = ""
    value: str = ""
    message: str = ""

    def __str__(self) -> str:
        if not self.sheet:
            # The file as a whole (broken, too large): its message says so.
            return self.message
        place = {
            "sheet": self.sheet,
            "row": format_number(self.row or 0),
            "column": self.column,
        }
        if self.row and self.column:
            where = _("Sheet «%(sheet)s», row %(row)s, column %(column)s") % place
        elif self.row:
            where = _("Sheet «%(sheet)s», row %(row)s") % place
        else:
            where = _("Sheet «%(sheet)s»") % place
        if self.column and self.header:
            where += f" ({self.header})"
        text = _("%(where)s: %(message)s") % {"where": where, "message": self.message}
        if self.value:
            value = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            text += " " + _("(the cell holds «%(value)s»)") % {"value": value}
        return text


def errors_in_order(errors: list[CellError], sheetnames: list[str]) -> list[CellError]:
    """The problems as a person goes through the workbook: sheet by sheet in
    its order (the file itself first), row by row, column by column."""
    order = {title: index for index, title in enumerate(sheetnames)}

    def place(error: CellError):
        column = (len(error.column), error.column)
        return (order.get(error.sheet, -1), error.row or 0, column)

    return sorted(errors, key=place)


@dataclass
class ProviderRead:
    """What the workbook says for one provider, by section key."""

    provider: ServiceProvider
    sections: dict[str, list] = field(default_factory=dict)
    # The first row of each section, to name a problem found later (stale).
    rows: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class Parsed:
    year: int | None = None
    versions: dict[str, int] = field(default_factory=dict)
    providers: dict[str, ProviderRead] = field(default_factory=dict)
    rows: int = 0
    errors: list[CellError] = field(default_factory=list)
    sheetnames: list[str] = field(default_factory=list)


@dataclass
class RawRow:
    layout: SheetLayout
    number: int
    code: str
    cells: dict[str, tuple[object, str]]  # column key: (value, letter)


def normalise_code(value) -> str:
    """Codes are ASCII: Khmer digits made Latin, letters upper case."""
    return normalise_number_text(cell_text(value)).upper()


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _meta(workbook, parsed: Parsed) -> None:
    if META_SHEET not in workbook.sheetnames:
        parsed.errors.append(
            CellError(
                META_SHEET,
                message=_(
                    "This is not the portal's I4C workbook: download it again from "
                    "the portal and fill that one."
                ),
            )
        )
        return
    for row in sheet_rows(workbook[META_SHEET], WORKBOOK_BOUNDS):
        if len(row) < 2 or row[0] is None:
            continue
        key, value = str(row[0]), row[1]
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if key == "year":
            parsed.year = number
        elif key != "schema":
            parsed.versions[normalise_code(key)] = number


def _read_sheet(sheet, layout: SheetLayout, parsed: Parsed) -> list[RawRow]:
    title = layout.title
    columns: dict[int, str] = {}
    extra_reported: set[int] = set()
    raw: list[RawRow] = []
    by_key = {column.key: column for column in layout.columns}
    for number, row in enumerate(
        sheet_rows(sheet, WORKBOOK_BOUNDS, values_only=False), start=1
    ):
        values = [getattr(cell, "value", None) for cell in row]
        if number < KEY_ROW:
            continue
        if number == KEY_ROW:
            columns = {
                i: str(v).strip() for i, v in enumerate(values) if not _is_empty(v)
            }
            known = {c.key for c in layout.columns}
            for column in layout.columns:
                if column.is_read and column.key not in columns.values():
                    parsed.errors.append(
                        CellError(
                            title,
                            header=column.name_here(),
                            message=_(
                                "The column «%(column)s» is missing: do not delete "
                                "columns; download the workbook again."
                            )
                            % {"column": column.name_here()},
                        )
                    )
            columns = {i: k for i, k in columns.items() if k in known}
            continue
        if all(_is_empty(v) for v in values):
            continue
        parsed.rows += 1
        cells = {}
        for index, cell in enumerate(row):
            value = values[index]
            letter = get_column_letter(index + 1)
            if getattr(cell, "data_type", None) == "f":
                column = by_key.get(columns.get(index))
                parsed.errors.append(
                    CellError(
                        title,
                        number,
                        letter,
                        column.name_here() if column else "",
                        value=str(value),
                        message=_("A formula is not accepted here: type the value."),
                    )
                )
                continue
            if index not in columns:
                if not _is_empty(value) and index not in extra_reported:
                    extra_reported.add(index)
                    parsed.errors.append(
                        CellError(
                            title,
                            number,
                            letter,
                            value=cell_text(value),
                            message=_(
                                "This column is not part of the workbook: move what "
                                "it holds to the right column, or remove it."
                            ),
                        )
                    )
                continue
            cells[columns[index]] = (value, letter)
        code = normalise_code(cells.get("code", (None, ""))[0])
        raw.append(RawRow(layout, number, code, cells))
    return raw


def _providers(raw: list[RawRow]) -> tuple[dict, dict]:
    codes = {r.code for r in raw if r.code}
    providers = {
        p.code: p
        for p in ServiceProvider.objects.filter(code__in=codes).select_related(
            "commune"
        )
    }
    communes = {
        p.commune_id
        for r in raw
        if (p := providers.get(r.code)) and r.layout.section.content == "projects"
    }
    villages: dict[str, dict[str, Village]] = {}
    for village in Village.objects.filter(commune_id__in=communes):
        villages.setdefault(village.commune_id, {})[village.code] = village
    return providers, villages


def _check_provider(row: RawRow, provider, parsed: Parsed) -> bool:
    value, letter = row.cells.get("code", (None, "A"))
    code_column = row.layout.columns[0].name_here()
    message = None
    if not row.code:
        message = _("Write the provider's code.")
    elif provider is None:
        message = _("No provider has this code.")
    elif provider.kind != row.layout.kind:
        message = _("This code is not a %(kind)s.") % {
            "kind": KIND_LABELS[row.layout.kind]
        }
    if message:
        parsed.errors.append(
            CellError(
                row.layout.title,
                row.number,
                letter or "A",
                code_column,
                cell_text(value),
                message,
            )
        )
        return False
    return True


def workbook_read(file) -> Parsed:
    """Read and check a whole workbook; collect every problem, stop at none.

    A file beyond the bounds, or broken, is one error and nothing is read.
    """
    parsed = Parsed()
    try:
        workbook = spreadsheet_open(file, WORKBOOK_BOUNDS)
        parsed.sheetnames = list(workbook.sheetnames)
    except ValidationError as refused:
        parsed.errors += [CellError("", message=m) for m in refused.messages]
        return parsed
    layouts = {layout.title: layout for layout in workbook_layouts()}
    raw: list[RawRow] = []
    try:
        _meta(workbook, parsed)
        for title in workbook.sheetnames:
            if title in (INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET):
                continue
            layout = layouts.get(title)
            if layout is None:
                parsed.errors.append(
                    CellError(
                        title,
                        message=_(
                            "This sheet is not part of the workbook: give it back "
                            "its name, or delete it."
                        ),
                    )
                )
                continue
            raw += _read_sheet(workbook[title], layout, parsed)
    except ValidationError as refused:
        parsed.errors += [CellError("", message=m) for m in refused.messages]
        return parsed
    finally:
        workbook.close()
    providers, villages = _providers(raw)
    seen: dict[tuple[str, str], int] = {}
    pool = FormPool()
    for row in raw:
        provider = providers.get(row.code)
        if not _check_provider(row, provider, parsed):
            continue
        key = (row.layout.title, row.code)
        if not row.layout.free_rows and key in seen:
            parsed.errors.append(
                CellError(
                    row.layout.title,
                    row.number,
                    "A",
                    row.layout.columns[0].name_here(),
                    row.code,
                    _("This provider already has a row in this sheet (row %(row)s).")
                    % {"row": format_number(seen[key])},
                )
            )
            continue
        seen.setdefault(key, row.number)
        read = parsed.providers.setdefault(row.code, ProviderRead(provider))
        section = row.layout.section.key
        read.rows.setdefault(section, (row.layout.title, row.number))
        lines = read.sections.setdefault(section, [])
        lines += row_read(
            row,
            provider=provider,
            villages=villages.get(provider.commune_id, {}),
            errors=parsed.errors,
            error=CellError,
            pool=pool,
        )
    return parsed


__all__ = ["NO", "YES", "CellError", "Parsed", "errors_in_order", "workbook_read"]
