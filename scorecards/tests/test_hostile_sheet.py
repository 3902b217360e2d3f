"""Hostile spreadsheets sent to a scorecard's sheet upload, as a facilitator
would send them: each is refused with a reason in Khmer, no 500, and no vote
changed."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import quality
from tests.spreadsheet_payloads import KHMER, hostile_files, sheet_part

from .test_services import scored
from .test_spreadsheets import filled

pytestmark = pytest.mark.django_db
VOTES = (0, 1, 2, 3, 4)


@pytest.fixture
def fac_client(client, world):
    client.force_login(world.facilitator)
    return client


def votes(scorecard) -> list:
    return [i.votes for i in scorecard.indicators.all()]


def refusal(client, scorecard, name: str, data: bytes) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with translation.override("km"):
        response = client.post(
            reverse("scorecards:import", args=[scorecard.pk]),
            {"version": scorecard.version, "sheet": SimpleUploadedFile(name, data)},
        )
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    assert "errorlist" in html or 'role="alert"' in html
    return html


def test_every_hostile_sheet_is_refused_in_khmer_and_no_vote_changes(fac_client, world):
    scorecard = scored(world, votes=VOTES)
    before = votes(scorecard)
    base = filled(scorecard, []).read()
    tried = wrong = errors = 0
    for case, (name, data) in hostile_files(base, sheet_part(base, "ពិន្ទុ")).items():
        tried += 1
        try:
            html = refusal(fac_client, scorecard, name, data)
        except AssertionError as failure:
            errors += "500" in str(failure)
            wrong += 1
            print(case, failure)
            continue
        if not KHMER.search(html) or votes(scorecard) != before:
            wrong += 1
            print(case)
    quality.record("hostile.tried", tried)
    quality.record("hostile.accepted_wrongly", wrong)
    quality.record("hostile.server_errors", errors)
    assert (wrong, errors) == (0, 0)


@pytest.mark.parametrize(
    "value", ["²", "9" * 5000, '=HYPERLINK("http://x","y")', "1e-5", "NaN", "-5"]
)
def test_a_bad_vote_is_refused_by_its_row_and_no_vote_changes(fac_client, world, value):
    scorecard = scored(world, votes=VOTES)
    before = votes(scorecard)
    first = scorecard.indicators.first()
    upload = filled(scorecard, [[first.pk, first.name, 1, 1, value, 1, 1]])
    html = refusal(fac_client, scorecard, "filled.xlsx", upload.read())
    quality.record("hostile.tried")
    # The row and column are named, in Khmer.
    assert "ជួរ" in html
    assert votes(scorecard) == before
