from decimal import Decimal
from fractions import Fraction

import pytest

from scorecards.scoring import add_counts, score_summary


def test_it_takes_the_middle_vote_of_an_odd_total():
    summary = score_summary({1: 1, 3: 1, 5: 1})
    assert summary.total == 3
    assert summary.median == Decimal(3)
    assert summary.mean == Decimal("3.00")


def test_it_averages_the_two_middle_votes_of_an_even_total():
    # Votes lined up: 2, 2, 3, 5 -> the middle two are 2 and 3.
    summary = score_summary({2: 2, 3: 1, 5: 1})
    assert summary.median == Decimal("2.5")
    assert summary.mean == Decimal("3.00")
    assert summary.level == 3


def test_the_two_middle_votes_may_fall_in_scores_far_apart():
    # A score with no votes between them: 1, 1, 5, 5 -> (1 + 5) / 2.
    summary = score_summary([2, 0, 0, 0, 2])
    assert summary.median == Decimal(3)
    assert summary.counts == (2, 0, 0, 0, 2)


def test_a_score_with_no_votes_is_counted_as_zero():
    summary = score_summary({1: 0, 2: 0, 3: 4, 4: 0, 5: 1})
    assert summary.median == Decimal(3)
    assert summary.mean == Decimal("3.40")


def test_an_indicator_nobody_voted_on_has_no_median_and_no_mean():
    summary = score_summary({})
    assert summary.total == 0
    assert summary.median is None
    assert summary.mean is None
    assert summary.level is None
    assert not summary.has_votes
    assert score_summary([0, 0, 0, 0, 0]).median is None


def test_the_mean_is_exact_before_it_is_rounded_for_display():
    summary = score_summary({1: 1, 2: 1, 5: 1})  # 8 / 3
    assert summary.mean_exact == Fraction(8, 3)
    assert summary.mean == Decimal("2.67")
    # Ten thousand votes of 1 and one of 2 do not drift as floats would.
    big = score_summary({1: 9999, 2: 1})
    assert big.mean_exact == Fraction(10001, 10000)
    assert big.mean == Decimal("1.00")


def test_it_refuses_a_negative_count_or_an_unknown_score():
    with pytest.raises(ValueError):
        score_summary({1: -1})
    with pytest.raises(ValueError):
        score_summary({6: 2})
    with pytest.raises(ValueError):
        score_summary([1, 2, 3])


def test_it_adds_the_votes_of_several_groups():
    assert add_counts([1, 0, 2, 0, 0], [0, 1, 1, 0, 3]) == (1, 1, 3, 0, 3)
