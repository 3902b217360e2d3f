"""The demo's I4C data follows the dashboard's cycle rule (`dashboard/cycles.py`)."""

from io import StringIO

import pytest
from django.core.management import call_command

from communes.models import Cycle
from communes.tests.test_load_demo import gazetteer  # noqa: F401
from i4c.models import DisseminationEvent

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_held_in_the_cycle_of_the_package_they_present(
    gazetteer,  # noqa: F811
):
    call_command("load_demo_communes", stdout=StringIO())
    call_command("load_demo_i4c", stdout=StringIO())
    events = DisseminationEvent.objects.select_related("package")
    assert events.exists()
    for event in events:
        cycle = Cycle.objects.get(year=event.package.year)
        assert cycle.starts_on <= event.held_on <= cycle.ends_on, event
