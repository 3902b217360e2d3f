"""TEMPORARY: reads of i4c and scorecards that the dashboard needs, waiting for
their home.

At merge time (issue 9) these move into the apps' selectors packages, which
were being rebuilt in parallel: `StandardComparison` into `i4c.selectors`,
`JaapStatus` into `scorecards.selectors`; `dashboard.result_tables` then imports
`from i4c import selectors as i4c_selectors` and `from scorecards import
selectors as scorecard_selectors`, and this module and its line in the
import-linter ignore list are deleted.
"""

from i4c.models import NationalStandard
from scorecards.models import JaapAction

# -> i4c.selectors: how a national standard compares (values and translated
# words, «at least»), for readers that label the standards.
StandardComparison = NationalStandard.Comparison

# -> scorecards.selectors: the statuses of a JAAP action (values and
# translated labels), for readers that count actions by status.
JaapStatus = JaapAction.Status
