"""A reviewer's comment or a correction's reason that is refused comes back
beside its box, in Khmer, with what was typed: never lost behind a redirect."""

import pytest
from django.test import Client

from scorecards.models import Scorecard
from tests import quality

pytestmark = pytest.mark.django_db


def test_a_refused_correction_reason_stays_beside_its_box_in_khmer(world, published):
    scorecard = published[0]
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    reason = "ស្ពាន\u202eថ្មី ត្រូវកែ"
    response = client.post(
        f"/km/workspace/scorecards/{scorecard.pk}/correct/",
        {"version": scorecard.version, "reason": reason},
    )
    quality.record("hostile.tried")
    assert response.status_code == 400
    page = response.content.decode()
    start = page.find('id="id_reason_error"')
    assert start > 0
    assert "សញ្ញាមើលមិនឃើញដែលប្ដូរទិសដៅ" in page[start : start + 600]
    assert reason in page
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.PUBLISHED


def test_a_refused_return_comment_stays_beside_its_box(world, published):
    scorecard = published[0]
    Scorecard.objects.filter(pk=scorecard.pk).update(status=Scorecard.Status.SUBMITTED)
    client = Client(raise_request_exception=False)
    client.force_login(world.reviewer)
    response = client.post(
        f"/km/workspace/scorecards/{scorecard.pk}/return/",
        {"version": scorecard.version, "comment": "ក" * 100_000},
    )
    quality.record("hostile.tried")
    assert response.status_code == 400
    assert "មិនលើសពី ២.០០០ តួអក្សរ" in response.content.decode()
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.SUBMITTED
