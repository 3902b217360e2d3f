# The scorecard tests' world (a covered district, a facilitator, a reviewer, a
# councillor, a health centre, and a commune elsewhere) serves these tests too.
from scorecards.tests.conftest import world  # noqa: F401
