"""A scorecard resubmitted after a return shows the reviewer what changed since
the return, old -> new, in words of the page's language."""

import pytest
from django.utils import translation

from scorecards import services
from scorecards.models import Remark, Scorecard

from .steps import changes_section, open_correction, send_back, set_votes, submit
from .test_services import scored

pytestmark = pytest.mark.django_db


def change_votes(world, scorecard, votes):
    """Change the first indicator's votes; returns that indicator."""
    first = scorecard.indicators.order_by("position").first()
    set_votes(world, scorecard, {first.pk: votes})
    return first


@pytest.fixture
def returned(world):
    """A scorecard voted 0, 1, 2, 3, 4 on each indicator, submitted and returned."""
    scorecard = scored(world)
    submit(world, scorecard)
    send_back(world, scorecard)
    return scorecard


def test_a_return_keeps_what_the_reviewer_saw(world, returned):
    kept = returned.returns.get()
    assert kept.returned_by == world.reviewer
    assert kept.comment == "The men's votes are missing"
    assert [i["votes"] for i in kept.snapshot["indicators"]] == [[0, 1, 2, 3, 4]] * 3


def test_a_resubmission_shows_only_what_changed_since_the_return(
    client, world, returned
):
    indicator = change_votes(world, returned, [0, 1, 2, 6, 4])
    submit(world, returned)
    section = changes_section(client, world, returned, "en")
    assert "Changes since it was returned" in section
    assert indicator.name in section
    assert "good" in section  # score 4's word
    row = section[section.index("good") :]
    assert row.index("3") < row.index("6")  # when returned, then now
    assert section.count("<tr>") == 1 + 1  # header, votes for 4


def test_remarks_added_since_the_return_are_named_by_kind_not_code(
    client, world, returned
):
    services.scorecard_remarks_set(
        scorecard=returned,
        user=world.facilitator,
        version=returned.version,
        remarks=[("weakness", "No midwife at night")],
    )
    submit(world, returned)
    section = changes_section(client, world, returned, "km")
    assert "No midwife at night" in section
    with translation.override("km"):
        assert str(Remark.Kind.WEAKNESS.label) in section
    assert "weakness" not in section


def test_the_khmer_return_changes_show_words_and_khmer_digits(client, world, returned):
    change_votes(world, returned, [0, 1, 2, 6, 4])
    submit(world, returned)
    section = changes_section(client, world, returned, "km")
    assert "ពេញចិត្ត" in section  # score 4's word
    assert "៣" in section and "៦" in section
    assert ">3<" not in section and ">6<" not in section
    assert "good" not in section


def test_a_resubmission_with_nothing_changed_says_so(client, world, returned):
    submit(world, returned)
    section = changes_section(client, world, returned, "en")
    assert "Nothing changed since it was returned." in section
    assert "<tr>" not in section


def test_a_correction_returned_and_resubmitted_compares_with_the_return(
    client, world, published
):
    women = published[0]  # published with votes 0, 1, 2, 3, 1
    open_correction(world, women, "Miscount")
    change_votes(world, women, [0, 1, 2, 5, 1])
    submit(world, women)
    send_back(world, women, comment="Check score 4 again")
    change_votes(world, women, [0, 1, 2, 7, 1])
    submit(world, women)
    section = changes_section(client, world, women, "en")
    assert "Changes since it was returned" in section
    row = section[section.index("good") :]
    assert row.index("5") < row.index("7")
    assert Scorecard.objects.get(pk=women.pk).returns.count() == 1
