"""The scoring spreadsheet: a template per scorecard, and reading it back.

A facilitator without internet in the village fills the sheet later (or types
it from the paper sheet) and uploads it. The upload is checked row by row and
every problem is named by row and column, in the page's language; the services
import nothing unless the whole sheet is valid.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from isaf.exports import xlsx_keep_text
from isaf.formatting import format_number
from isaf.numbers import MESSAGES, parse_number
from isaf.spreadsheets import Bounds, cell_text, sheet_rows, spreadsheet_open

from .models import Scorecard
from .models.scorecards import MAX_COUNT

SHEET_MAX_BYTES = 2 * 1024 * 1024
SHEET_MAX_ROWS = 200
# What an upload may be before it is parsed (isaf.spreadsheets): a scoring sheet
# is a few hundred small rows, so a few megabytes unzipped is already generous.
SHEET_BOUNDS = Bounds(
    max_bytes=SHEET_MAX_BYTES,
    max_members=40,
    max_member_bytes=8 * 1024 * 1024,
    max_total_bytes=16 * 1024 * 1024,
    max_rows=1000,
    max_columns=50,
    max_strings=20_000,
)
SCORES_SHEET = "ពិន្ទុ"
META_SHEET = "meta"
# The headers are Khmer whatever the page language: the sheet goes to the field.
HEADERS = (
    "លេខសម្គាល់",
    "លក្ខណៈវិនិច្ឆ័យ",
    "១ មិនពេញចិត្តខ្លាំង",
    "២ មិនពេញចិត្ត",
    "៣ ទទួលយកបាន",
    "៤ ពេញចិត្ត",
    "៥ ពេញចិត្តខ្លាំង",
)
BLANK_ROWS = 5


def sheet_filename(scorecard: Scorecard) -> str:
    return f"scorecard-{scorecard.pk}-{scorecard.provider.code}-{scorecard.group}.xlsx"


def sheet_template(scorecard: Scorecard) -> bytes:
    """A workbook with one row per selected indicator and a few blank rows for
    indicators written on the day; vote cells accept whole numbers only."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SCORES_SHEET
    sheet.append(HEADERS)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="DDE7EE")
    indicators = scorecard.indicators.select_related("library_indicator").filter(
        is_selected=True
    )
    for indicator in indicators:
        sheet.append([indicator.pk, indicator.name, *indicator.votes])
        # A name typed on the day is text, even one that starts with "=".
        xlsx_keep_text(sheet.cell(row=sheet.max_row, column=2))
    for _row in range(BLANK_ROWS):
        sheet.append([None, None, None, None, None, None, None])
    last = sheet.max_row
    votes = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(MAX_COUNT),
        showErrorMessage=True,
        errorTitle="ពិន្ទុ",
        error="សូមបញ្ចូលចំនួនគត់ ពី ០ ដល់ ១០០០០",
    )
    votes.add(f"C2:G{last}")
    sheet.add_data_validation(votes)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60
    for column in range(3, 8):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.freeze_panes = "C2"
    meta = workbook.create_sheet(META_SHEET)
    meta.append(["scorecard", scorecard.pk])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class ParsedSheet:
    votes: dict[int, list[int]] = field(default_factory=dict)
    new_indicators: list[tuple[str, list[int]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _where(row: int, column: int) -> str:
    return _("Row %(row)s, column %(column)s (%(header)s)") % {
        "row": format_number(row),
        "column": get_column_letter(column),
        "header": HEADERS[column - 1],
    }


def _cell_number(value, *, maximum=None) -> int:
    """A whole number from a cell, read by the same rule as the forms: a typed
    cell through the one number parser, a numeric cell only when it is whole.
    An empty cell counts 0. Raises the parser's translated ValidationError."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    number = parse_number(cell_text(value), maximum=maximum)
    return 0 if number is None else number


def _cell_error(error: ValidationError) -> str:
    return " ".join(error.messages)


def sheet_parse(scorecard: Scorecard, file) -> ParsedSheet:
    """Read a filled sheet, collecting every problem rather than stopping."""
    parsed = ParsedSheet()
    try:
        workbook = spreadsheet_open(file, SHEET_BOUNDS)
    except ValidationError as refused:
        parsed.errors.extend(refused.messages)
        return parsed
    try:
        if SCORES_SHEET not in workbook.sheetnames:
            parsed.errors.append(
                _("The sheet «%(name)s» is missing: use the downloaded template.")
                % {"name": SCORES_SHEET}
            )
            return parsed
        if META_SHEET in workbook.sheetnames:
            meta = next(sheet_rows(workbook[META_SHEET], SHEET_BOUNDS), ())
            if len(meta) < 2 or str(meta[1]) != str(scorecard.pk):
                parsed.errors.append(
                    _("This spreadsheet belongs to another scorecard.")
                )
                return parsed
        sheet = workbook[SCORES_SHEET]
        rows = (row[: len(HEADERS)] for row in sheet_rows(sheet, SHEET_BOUNDS))
        header = next(rows, None)
        if header is None or tuple(str(h or "").strip() for h in header) != HEADERS:
            parsed.errors.append(
                _("The first row must hold the template's column headers.")
            )
            return parsed
        _parse_rows(scorecard, rows, parsed)
    except ValidationError as refused:
        # The sheet broke or grew past its bounds while it was read: what was
        # read so far is not imported.
        parsed.errors.extend(refused.messages)
    finally:
        workbook.close()
    return parsed


def _parse_rows(scorecard: Scorecard, rows, parsed: ParsedSheet) -> None:
    selected = {i.pk: i for i in scorecard.indicators.all() if i.is_selected}
    seen: set[int] = set()
    for row_number, row in enumerate(rows, start=2):
        if row_number - 1 > SHEET_MAX_ROWS:
            parsed.errors.append(
                _("The sheet has more than %(limit)s rows.")
                % {"limit": format_number(SHEET_MAX_ROWS)}
            )
            return
        cells = list(row) + [None] * (len(HEADERS) - len(row))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        identifier, name, *vote_cells = cells
        pk = None
        if identifier not in (None, ""):
            try:
                pk = _cell_number(identifier)
            except ValidationError:
                pk = None
            if pk is None or pk not in selected:
                parsed.errors.append(
                    _where(row_number, 1)
                    + ": "
                    + _(
                        "not an indicator of this scorecard; "
                        "leave it empty for a new one."
                    )
                )
            elif pk in seen:
                parsed.errors.append(
                    _where(row_number, 1) + ": " + _("this indicator appears twice.")
                )
            else:
                seen.add(pk)
        elif not str(name or "").strip():
            parsed.errors.append(
                _where(row_number, 2) + ": " + _("write the indicator.")
            )
        elif len(str(name).strip()) > 300:
            parsed.errors.append(
                _where(row_number, 2) + ": " + _("at most 300 characters.")
            )
        counts = []
        for column, value in enumerate(vote_cells, start=3):
            try:
                count = _cell_number(value, maximum=MAX_COUNT)
            except ValidationError as error:
                parsed.errors.append(
                    _where(row_number, column) + ": " + _cell_error(error)
                )
                count = None
            counts.append(count)
        if parsed.errors:
            continue
        if pk is not None:
            parsed.votes[pk] = counts
        else:
            parsed.new_indicators.append((" ".join(str(name).split()), counts))
