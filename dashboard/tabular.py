"""One table structure that the dashboard page, the CSV and the XLSX share, and
how its cells read in the page's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import get_language

from communes import selectors as communes_selectors
from isaf.formatting import format_date, format_digits, format_number, format_percent


@dataclass
class Column:
    key: str
    label: str
    # text, code (an official code: ASCII on every page), year, int, share (0..1,
    # shown as a percentage), decimal, date
    kind: str = "int"

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "code")


@dataclass
class Table:
    key: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    note: str = ""
    # Rows may carry "link_url" (for the first column) and "is_total" (a total row).
    footer: list[dict] = field(default_factory=list)

    def cells(self, row: dict) -> list[tuple[Column, str | None]]:
        """(column, text) pairs; text is None for a missing figure."""
        return [
            (column, format_cell(column, row.get(column.key)))
            for column in self.columns
        ]

    @property
    def body(self) -> list[tuple[dict, list]]:
        return [(row, self.cells(row)) for row in self.rows]

    @property
    def foot(self) -> list[tuple[dict, list]]:
        return [(row, self.cells(row)) for row in self.footer]


@lru_cache(maxsize=4096)
def _whole_number(value: int, lang: str) -> str:
    # Babel takes a fifth of a millisecond per number, and a national page shows
    # hundreds of small whole numbers, most of them many times over.
    return format_number(value, lang=lang)


def format_cell(column: Column, value) -> str | None:
    """A cell as the page shows it, in the page language's digits."""
    if value is None:
        return None
    if column.kind == "int":
        return _whole_number(int(value), get_language() or "km")
    if column.kind == "share":
        # A handful out of hundreds would read as 0%: small shares get a decimal.
        return format_percent(value, decimals=1 if 0 < value < 0.1 else 0)
    if column.kind == "decimal":
        whole = float(value).is_integer()
        return format_number(value, decimals=0 if whole else 2)
    if column.kind == "date":
        return format_date(value)
    if column.kind == "year":
        return format_digits(value)
    return str(value)


def share(part, whole):
    if not whole:
        return None
    return part / whole


def place_name(row, prefix: str = "") -> str:
    """A place of a row named as officials write it (communes' one rule)."""
    return communes_selectors.place_name(row, prefix=prefix)


def table(
    key: str, caption, columns: Iterable[tuple[str, str, str]], rows: list, **more
) -> Table:
    """A table whose columns are given as (key, label, kind) triples."""
    return Table(
        key=key,
        caption=caption,
        columns=[Column(*column) for column in columns],
        rows=rows,
        **more,
    )
