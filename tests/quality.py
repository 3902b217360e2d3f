"""The figures of the README's "Quality" section, counted while the tests run.

A test that tries something on the portal's behalf (a route as a role, a fault, a
hostile input, a page under axe, a private file's address) counts what it tried and
what went wrong with `record`; the counts are printed at the end of `make test`
(the root conftest's `pytest_terminal_summary`). A test still asserts its own
figures: a count is a report, never the check.
"""

from __future__ import annotations

from collections import Counter

# Every figure, in the order printed, with what it counts.
FIGURES = {
    "matrix.routes": "routes in the URL resolver, each declared",
    "matrix.requests": "requests tried (route x role x method)",
    "matrix.leaks": "requests answered beyond the role's scope",
    "faults.injected": "faults injected",
    "faults.rows_lost": "rows lost",
    "hostile.tried": "hostile inputs tried",
    "hostile.accepted_wrongly": "hostile inputs accepted wrongly",
    "hostile.server_errors": "hostile inputs answered 500",
    "axe.pages": "pages checked by axe-core",
    "axe.serious": "serious or critical axe violations",
    "private_files.tried": "private files' addresses tried anonymously",
    "private_files.readable": "private files readable anonymously",
}

_counts: Counter[str] = Counter()


def record(figure: str, n: int = 1) -> None:
    """Add n to a figure (named in FIGURES, so that tests cannot drift apart)."""
    if figure not in FIGURES:
        raise KeyError(f"{figure!r} is not a quality figure: add it to FIGURES")
    _counts[figure] += n


def report() -> list[str]:
    """Lines for the end of the test run: each figure that any test recorded."""
    return [
        f"{_counts[name]:>8,}  {label}"
        for name, label in FIGURES.items()
        if name in _counts
    ]
