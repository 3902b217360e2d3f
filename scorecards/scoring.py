"""Median and mean of a scorecard indicator, from the votes for each score 1 to 5.

A group does not hand in ballots: the facilitator counts how many people put their
mark on each face. These functions work from those counts, in exact arithmetic
(Fraction), so that a median of 3.5 or a mean of 10/3 is never a float that drifts,
and the rounding for display happens once, here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SCORES = (1, 2, 3, 4, 5)
MEAN_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ScoreSummary:
    """What a row of vote counts says: how many voted, the median and the mean.

    `median` and `mean` are None when nobody voted, so that a page can say
    "no votes" rather than show a misleading zero.
    """

    counts: tuple[int, int, int, int, int]
    total: int
    median: Decimal | None
    mean: Decimal | None
    mean_exact: Fraction | None

    @property
    def has_votes(self) -> bool:
        return self.total > 0

    @property
    def level(self) -> int | None:
        """The scale point (1 to 5) nearest the median, for its word and face."""
        if self.median is None:
            return None
        return int(self.median.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _counts_tuple(counts: Mapping[int, int] | Sequence[int]) -> tuple[int, ...]:
    if isinstance(counts, Mapping):
        unknown = set(counts) - set(SCORES)
        if unknown:
            raise ValueError(f"Scores must be 1 to 5, got {sorted(unknown)}.")
        values = tuple(int(counts.get(score) or 0) for score in SCORES)
    else:
        if len(counts) != len(SCORES):
            raise ValueError("Give exactly five vote counts, for scores 1 to 5.")
        values = tuple(int(c or 0) for c in counts)
    if any(c < 0 for c in values):
        raise ValueError("A vote count cannot be negative.")
    return values


def _score_at(counts: tuple[int, ...], position: int) -> int:
    """The score of the vote at a 0-based position when all votes are lined up."""
    seen = 0
    for score, count in zip(SCORES, counts, strict=True):
        seen += count
        if position < seen:
            return score
    raise IndexError(position)


def score_summary(counts: Mapping[int, int] | Sequence[int]) -> ScoreSummary:
    """Summarise vote counts given as {score: count} or as five counts in order.

    With an even number of votes the median is the mean of the two middle votes
    (so it may be a half point); a score nobody chose simply counts zero.
    """
    values = _counts_tuple(counts)
    total = sum(values)
    if total == 0:
        return ScoreSummary(values, 0, None, None, None)
    if total % 2:
        median = Decimal(_score_at(values, total // 2))
    else:
        low = _score_at(values, total // 2 - 1)
        high = _score_at(values, total // 2)
        median = Decimal(low + high) / 2
    mean_exact = Fraction(
        sum(score * count for score, count in zip(SCORES, values, strict=True)), total
    )
    mean = (Decimal(mean_exact.numerator) / Decimal(mean_exact.denominator)).quantize(
        MEAN_PLACES, rounding=ROUND_HALF_UP
    )
    return ScoreSummary(values, total, median, mean, mean_exact)


def add_counts(*rows: Sequence[int]) -> tuple[int, int, int, int, int]:
    """Votes of several groups on the same indicator, added score by score."""
    totals = [0] * len(SCORES)
    for row in rows:
        for i, count in enumerate(_counts_tuple(row)):
            totals[i] += count
    return tuple(totals)
