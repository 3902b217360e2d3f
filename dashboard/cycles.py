"""Which work belongs to a cycle: the one home of that rule.

A cycle of year Y counts:

- packages by their fiscal year: the I4C packages of fiscal year Y (published,
  their figures against national standards);
- meetings by the date they were held: the dissemination meetings held between
  the cycle's first and last day, whichever package they presented. Scorecards,
  interface meetings and JAAP actions are recorded in their cycle.

The page repeats this in words (`templates/dashboard/includes/_cycle_note.html`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communes.models import Cycle


def fiscal_year(cycle: Cycle) -> int:
    """The fiscal year of the packages that a cycle counts."""
    return cycle.year


def held_between(cycle: Cycle) -> dict[str, datetime.date]:
    """The days (both included) of the meetings that a cycle counts, as the
    keyword arguments of the dissemination rules."""
    return {"held_from": cycle.starts_on, "held_to": cycle.ends_on}
