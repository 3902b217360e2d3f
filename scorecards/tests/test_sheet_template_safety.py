"""The scoring spreadsheet template is an export too: names stay text."""

import io

import pytest
from openpyxl import load_workbook

from scorecards.services import IndicatorChoice
from scorecards.spreadsheets import sheet_template

from .steps import choose_indicators
from .test_services import create

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+1", "+SUM(1)", "@x", "-2+3", '=HYPERLINK("http://x","y")']


def test_an_indicator_named_like_a_formula_is_text_in_the_template(world):
    scorecard = create(world)
    choose_indicators(
        world, scorecard, [IndicatorChoice(custom_name=name) for name in FORMULAS]
    )
    workbook = load_workbook(io.BytesIO(sheet_template(scorecard)))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    names = [row[1] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert [n for n in names if n] == FORMULAS
