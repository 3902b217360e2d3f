"""A scorecard correction shows the reviewer each changed figure, old -> new."""

import pytest
from django.urls import reverse

from scorecards.models import Scorecard

from .steps import changes_section, open_correction, set_votes, submit

pytestmark = pytest.mark.django_db


def correct_votes(world, scorecard, votes):
    """Open a correction, change one indicator's votes and submit it again."""
    open_correction(world, scorecard, "Miscount")
    first = scorecard.indicators.order_by("id").first()
    set_votes(world, scorecard, {first.pk: votes})
    Scorecard.objects.filter(pk=scorecard.pk).update(attendance_female=9)
    submit(world, scorecard)
    return first


def test_a_correction_shows_old_and_new_votes_of_the_changed_indicator(
    client, world, published
):
    women = published[0]  # voted 0, 1, 2, 3, 1
    indicator = correct_votes(world, women, [0, 1, 2, 5, 1])
    section = changes_section(client, world, women, "en")
    assert indicator.name in section
    assert "good" in section  # score 4's word
    row = section[section.index("good") :]
    assert row.index("3") < row.index("5")  # old, then new
    # Unchanged indicators and unchanged scores are not listed.
    assert section.count("<tr>") == 1 + 2  # header, votes for 4, women


def test_the_khmer_correction_page_shows_words_and_khmer_digits(
    client, world, published
):
    women = published[0]
    correct_votes(world, women, [0, 1, 2, 5, 1])
    section = changes_section(client, world, women, "km")
    assert "ពេញចិត្ត" in section
    assert "៣" in section and "៥" in section and "៨" in section and "៩" in section
    assert ">3<" not in section and ">5<" not in section


def test_a_scorecard_never_published_shows_no_changes(client, world, published):
    draft = Scorecard.objects.create(
        provider=world.health_centre,
        cycle=world.cycle,
        kind="community",
        group="youth",
        held_on=published[0].held_on,
    )
    client.force_login(world.reviewer)
    url = reverse("scorecards:overview", args=[draft.pk])
    assert 'id="ov-changes"' not in client.get(url).content.decode()
