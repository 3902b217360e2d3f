from types import SimpleNamespace

from scorecards.forms import ScorecardDetailsForm, VotesForm

INDICATOR = SimpleNamespace(pk=1, name="x", **{f"votes_{i}": 0 for i in range(1, 6)})


def _votes_form(**data):
    data = {"version": "1", **{f"votes_1_{i}": "0" for i in range(1, 6)}, **data}
    return VotesForm(data, indicators=[INDICATOR])


def test_a_vote_count_typed_as_1_5_is_refused_rather_than_saved_as_15():
    form = _votes_form(votes_1_3="1.5")
    assert not form.is_valid()
    assert "votes_1_3" in form.errors


def test_a_participant_count_typed_as_1_5_is_refused_rather_than_saved_as_15(db):
    form = ScorecardDetailsForm(
        {"held_on": "2026-01-10", "language": "km", "attendance_female": "1.5"}
    )
    assert not form.is_valid()
    assert "attendance_female" in form.errors


def test_a_vote_count_grouped_in_khmer_is_read_as_a_whole_number():
    form = _votes_form(votes_1_3="១.៥០០")
    assert form.is_valid(), form.errors
    assert form.votes()[1][2] == 1500
