from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.tests.factories import ServiceProviderFactory
from scorecards.models import Scorecard, ScorecardVersion


def test_seed_scorecards_publishes_readable_results_and_runs_twice(world, client):
    for n in range(3):
        ServiceProviderFactory(
            code=f"PS9{n}", kind="primary_school", commune=world.commune
        )
    out = StringIO()
    call_command("seed_scorecards", stdout=out)
    providers = 6  # the world's three and these three
    assert Scorecard.objects.count() == providers * 3
    assert ScorecardVersion.objects.count() == providers * 3
    call_command("seed_scorecards", stdout=StringIO())
    assert Scorecard.objects.count() == providers * 3
    scorecard = Scorecard.objects.filter(provider=world.health_centre).first()
    url = reverse("scorecards:public", args=[scorecard.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 15
    assert response.content.decode().count('<th scope="row">') >= 6
