import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from scorecards import services
from scorecards.models import ScorecardIndicator
from scorecards.spreadsheets import HEADERS, SHEET_MAX_ROWS, sheet_template

from .steps import choose_indicators, library_choices
from .test_services import create


@pytest.fixture
def scorecard(world):
    scorecard = create(world)
    choose_indicators(world, scorecard, library_choices(2))
    return scorecard


def filled(scorecard, rows):
    """The downloaded template with its data rows replaced by `rows`."""
    workbook = load_workbook(io.BytesIO(sheet_template(scorecard)))
    sheet = workbook["ពិន្ទុ"]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("filled.xlsx", buffer.getvalue())


def do_import(world, scorecard, upload):
    return services.scorecard_sheet_import(
        scorecard=scorecard,
        user=world.facilitator,
        version=scorecard.version,
        file=upload,
    )


def test_the_template_has_khmer_headers_and_the_selected_indicators(scorecard):
    workbook = load_workbook(io.BytesIO(sheet_template(scorecard)))
    sheet = workbook["ពិន្ទុ"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[0][2] == "១ មិនពេញចិត្តខ្លាំង"
    ids = [r[0] for r in rows[1:] if r[0]]
    assert ids == list(scorecard.indicators.values_list("pk", flat=True))
    assert workbook["meta"].sheet_state == "hidden"


def test_a_valid_sheet_imports_votes_and_new_indicators(world, scorecard):
    first, second = scorecard.indicators.all()
    upload = filled(
        scorecard,
        [
            [first.pk, first.name, 1, 2, 3, 4, 5],
            [second.pk, second.name, "០", "៣", None, "១២", 0],  # Khmer digits
            [None, "Ambulance at night", 0, 0, 1, 1, 1],
        ],
    )
    do_import(world, scorecard, upload)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.votes == (1, 2, 3, 4, 5)
    assert second.votes == (0, 3, 0, 12, 0)
    new = ScorecardIndicator.objects.get(custom_name="Ambulance at night")
    assert new.votes == (0, 0, 1, 1, 1) and new.is_selected


def test_a_sheet_with_a_bad_row_imports_nothing_and_names_the_row(world, scorecard):
    first, second = scorecard.indicators.all()
    upload = filled(
        scorecard,
        [
            [first.pk, first.name, 1, 2, 3, 4, 5],
            [second.pk, second.name, 1, "many", 0, -2, 0],
            [None, "Written on the day", 1, 1, 1, 1, 1],
        ],
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, upload)
    messages = error.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("Row 3, column D")
    assert messages[1].startswith("Row 3, column F")
    first.refresh_from_db()
    assert first.votes == (0, 0, 0, 0, 0)
    assert not ScorecardIndicator.objects.filter(
        custom_name="Written on the day"
    ).exists()


def test_errors_are_named_in_khmer_on_khmer_pages(world, scorecard):
    upload = filled(scorecard, [[999999, "x", 1, 1, 1, 1, 1]])
    with translation.override("km"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, upload)
    # The row number is written in Khmer digits and the column header in Khmer.
    message = error.value.messages[0]
    assert "២" in message and "លេខសម្គាល់" in message


def test_a_sheet_of_another_scorecard_is_refused(world, scorecard):
    other = create(world, group="men")
    upload = filled(other, [])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, upload)
    assert "another scorecard" in error.value.messages[0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(world, scorecard):
    upload = SimpleUploadedFile("votes.xlsx", b"%PDF-1.4 not a sheet")
    with pytest.raises(ValidationError):
        do_import(world, scorecard, upload)


def test_a_sheet_with_too_many_rows_is_refused(world, scorecard):
    rows = [[None, f"Issue {n}", 1, 0, 0, 0, 0] for n in range(SHEET_MAX_ROWS + 1)]
    with pytest.raises(ValidationError):
        do_import(world, scorecard, filled(scorecard, rows))
    assert scorecard.indicators.count() == 2


def test_an_outsider_cannot_import(world, scorecard):
    from django.core.exceptions import PermissionDenied

    upload = filled(scorecard, [])
    with pytest.raises(PermissionDenied):
        services.scorecard_sheet_import(
            scorecard=scorecard,
            user=world.councillor,
            version=scorecard.version,
            file=upload,
        )


def test_a_decompression_bomb_is_refused_before_parsing_and_imports_nothing(
    world, scorecard
):
    from tests.spreadsheet_payloads import zip_bomb

    upload = SimpleUploadedFile("votes.xlsx", zip_bomb(900))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, upload)
    assert "unzips to far more than it weighs" in error.value.messages[0]
    assert scorecard.indicators.count() == 2


def test_a_truncated_sheet_is_refused_with_a_clear_error(world, scorecard):
    from tests.spreadsheet_payloads import truncated

    first, _second = scorecard.indicators.all()
    rows = [[None, f"Issue {n} " + "ក" * 40, 1, 0, 0, 0, 0] for n in range(150)]
    upload = filled(scorecard, [[first.pk, first.name, 1, 2, 3, 4, 5], *rows])
    broken = SimpleUploadedFile("votes.xlsx", truncated(upload.read()))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, broken)
    assert error.value.messages == ["This Excel file cannot be read."]
    first.refresh_from_db()
    assert first.votes == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("value", ["²", "9" * 5000, "1e5"])
def test_odd_number_cells_are_refused_with_the_parser_message(world, scorecard, value):
    first, _second = scorecard.indicators.all()
    upload = filled(scorecard, [[first.pk, first.name, value, 0, 0, 0, 0]])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        do_import(world, scorecard, upload)
    assert error.value.messages[0].startswith("Row 2, column C")
