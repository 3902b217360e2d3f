"""Every write to I4C data: scope-checked, validated, transactional and audited.

Views and commands call these functions and nothing else writes I4C rows. One module
per concept; the names below are the package's public writes, so that
`from i4c import services; services.package_publish(...)` keeps working:

- `packages`: starting a package; `section_edits`: saving one of its sections;
- `review`: submitting, returning and publishing;
- `dissemination`: meetings at which a published package is presented;
- `checks`: the scope checks they start with, and the stale-save error;
- `workbook`: importing a checked I4C workbook, and submitting what it changed.
"""

from .checks import StaleEdit
from .dissemination import dissemination_event_create
from .packages import package_create
from .review import package_publish, package_return, package_submit
from .section_edits import package_section_save
from .workbook import workbook_import, workbook_submit

__all__ = [
    "StaleEdit",
    "dissemination_event_create",
    "package_create",
    "package_publish",
    "package_return",
    "package_section_save",
    "package_submit",
    "workbook_import",
    "workbook_submit",
]
