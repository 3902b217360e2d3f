"""Handing jobs to the broker without making a person wait on a broker that is down.

A publish hands several jobs over once it commits (its pages, its posters, its
notices). With Redis down or hung, each hand-over waits for the broker's socket
timeouts before giving up, and the jobs stay queued as rows for the sweeps. After
one refusal, the others of the same moment are not tried: they would wait for the
same timeouts. The window is short, so a broker that is back is used at once.
"""

import logging
import time

logger = logging.getLogger(__name__)

# Seconds during which, after a refusal, this process does not try the broker.
PAUSE_AFTER_REFUSAL = 3.0

_refused_at: float | None = None


def broker_worth_trying() -> bool:
    """False just after the broker refused a job in this process."""
    return _refused_at is None or time.monotonic() - _refused_at >= PAUSE_AFTER_REFUSAL


def broker_refused() -> None:
    """Say that the broker did not take a job (it is down or hung)."""
    global _refused_at
    _refused_at = time.monotonic()
