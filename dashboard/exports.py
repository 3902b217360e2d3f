"""Every dashboard table as CSV and as XLSX, with the numbers the page shows.

Numbers are written as numbers (ASCII digits, no grouping) so that a spreadsheet
can add them up; shares as percentages with one decimal, and the column header
says so. Headers and text are in the page's language. Both are written by
`isaf.exports`, which writes every row and neutralises text that a spreadsheet
would run as a formula (a provider named `=HYPERLINK(...)` stays text).
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from isaf.exports import XLSX_TYPE, Sheet, csv_response, xlsx_response

from .tables import Column, Table

__all__ = ["XLSX_TYPE", "export_response", "table_csv", "tables_xlsx"]


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
    if column.kind in ("text", "code"):
        return str(value)
    return value


def table_rows(table: Table):
    yield [header(column) for column in table.columns]
    for row in [*table.rows, *table.footer]:
        yield [cell_value(column, row.get(column.key)) for column in table.columns]


def table_csv(*, table: Table, filename: str) -> HttpResponse:
    return csv_response(table_rows(table), filename=f"{filename}.csv")


def _sheet_title(table: Table, taken: set[str]) -> str:
    # Sheet names are at most 31 characters and unique; the table key is short,
    # ASCII and stable, so scripts can find a sheet whatever the language.
    title = table.key[:31]
    while title in taken:
        title = title[:28] + str(len(taken))
    taken.add(title)
    return title


def _sheet_rows(table: Table, title: str):
    yield [f"{title}: {table.caption}"]
    yield from table_rows(table)
    if table.note:
        yield []
        yield [str(table.note)]


def tables_xlsx(*, tables: list[Table], filename: str, title: str) -> HttpResponse:
    """One sheet per table: the caption in the first row, headers, then rows."""
    taken: set[str] = set()
    sheets = [
        Sheet(
            title=_sheet_title(table, taken),
            rows=_sheet_rows(table, title),
            bold_rows=frozenset({0, 1}),
            widths=tuple(28 if c.kind == "text" else 14 for c in table.columns),
        )
        for table in tables
    ]
    return xlsx_response(sheets, filename=f"{filename}.xlsx")


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
