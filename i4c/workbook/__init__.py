"""The I4C workbook: the offline template that district staff and partners fill
and send back, as the programme's "I4C database" always was.

- `layout`: the sheets and columns; `messages`: the instructions;
- `content`: what the portal holds, in a form that compares;
- `writer`: the workbook file; `reader` and `rows`: reading one back through
  the forms' rules; `plan`: what it would change, and what is refused;
- `selection`: which providers a workbook holds.

Writes go through `i4c.services.workbook`; the job that runs a large import in
the background is `i4c.models.WorkbookImport` with `i4c.tasks`.
"""

from __future__ import annotations

from .content import contents_load
from .plan import Plan, workbook_plan
from .reader import errors_in_order, workbook_read
from .selection import workbook_providers
from .writer import workbook_bytes


def workbook_export(*, providers, year: int, scope: str = "") -> bytes:
    """The workbook of these providers for a fiscal year."""
    return workbook_bytes(
        currents=contents_load(providers=providers, year=year), year=year, scope=scope
    )


def workbook_check(*, file, user) -> Plan:
    """Read a filled workbook and plan its import for this user."""
    parsed = workbook_read(file)
    plan = workbook_plan(parsed=parsed, user=user)
    plan.errors = errors_in_order(plan.errors, parsed.sheetnames)
    return plan


__all__ = [
    "Plan",
    "workbook_check",
    "workbook_export",
    "workbook_providers",
]
