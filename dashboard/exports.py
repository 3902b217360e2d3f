"""Every dashboard table as CSV and as XLSX, with the numbers the page shows.

Numbers are written as numbers (ASCII digits, no grouping) so that a spreadsheet
can add them up; shares as percentages with one decimal, and the column header
says so. Headers and text are in the page's language. CSV starts with a byte
order mark: Excel otherwise reads UTF-8 Khmer as mojibake.
"""

from __future__ import annotations

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .tables import Column, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(column: Column) -> str:
    if column.kind == "share":
        return f"{column.label} (%)"
    return str(column.label)


def cell_value(column: Column, value):
    """The value of a cell as a spreadsheet should hold it."""
    if value is None:
        return None
    if column.kind == "share":
        return round(value * 100, 1)
    if column.kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        return value
    if column.kind == "text":
        return str(value)
    return value


def table_rows(table: Table):
    yield [header(column) for column in table.columns]
    for row in [*table.rows, *table.footer]:
        yield [cell_value(column, row.get(column.key)) for column in table.columns]


def table_csv(*, table: Table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in table_rows(table):
        writer.writerow(
            [
                value.isoformat() if isinstance(value, datetime.date) else value
                for value in row
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _sheet_title(table: Table, taken: set[str]) -> str:
    # Sheet names are at most 31 characters and unique; the table key is short,
    # ASCII and stable, so scripts can find a sheet whatever the language.
    title = table.key[:31]
    while title in taken:
        title = title[:28] + str(len(taken))
    taken.add(title)
    return title


def tables_xlsx(*, tables: list[Table], filename: str, title: str) -> HttpResponse:
    """One sheet per table: the caption in the first row, headers, then rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table, taken))
        sheet.append([f"{title}: {table.caption}"])
        sheet["A1"].font = Font(bold=True)
        for index, row in enumerate(table_rows(table)):
            sheet.append(row)
            if index == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        for column, letter in zip(
            table.columns, (c.column_letter for c in sheet[2]), strict=False
        ):
            sheet.column_dimensions[letter].width = 28 if column.kind == "text" else 14
            if column.kind == "date":
                for cell in sheet[letter][2:]:
                    cell.number_format = "yyyy-mm-dd"
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(
    *, tables: dict[str, Table], fmt: str, table_key: str | None, filename: str, title
) -> HttpResponse | None:
    """The response for `?format=csv|xlsx[&table=KEY]`, or None when the key is
    unknown. A CSV holds one table (the first when none is named); an XLSX holds
    the named table, or every table of the page."""
    if table_key:
        table = tables.get(table_key)
        if table is None:
            return None
        chosen = [table]
        filename = f"{filename}-{table.key}"
    else:
        chosen = list(tables.values())
    if fmt == "csv":
        return table_csv(table=chosen[0], filename=f"{filename}")
    return tables_xlsx(tables=chosen, filename=filename, title=str(title or _("I-SAF")))
