import pytest
from django.urls import reverse

from communes.tests.factories import UserFactory
from scorecards.models import LibraryIndicator

MODELS = [
    "libraryindicator",
    "scorecard",
    "scorecardversion",
    "scorecardreturn",
    "interfacemeeting",
    "jaapaction",
    "jaapfollowup",
]


@pytest.fixture
def admin_client(client, published):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_scorecard_changelist_loads_for_the_secretariat(admin_client, model):
    response = admin_client.get(reverse(f"admin:scorecards_{model}_changelist"))
    assert response.status_code == 200


def test_the_library_is_edited_in_both_languages(admin_client):
    item = LibraryIndicator.objects.get(code="hc-clean-water")
    url = reverse("admin:scorecards_libraryindicator_change", args=[item.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="name_km"' in html and 'name="name_en"' in html


def test_scorecards_are_read_only_in_the_admin(admin_client, published):
    scorecard = published[0]
    add = admin_client.get(reverse("admin:scorecards_scorecard_add"))
    assert add.status_code == 403
    change = admin_client.get(
        reverse("admin:scorecards_scorecard_change", args=[scorecard.pk])
    )
    assert change.status_code == 200
    assert 'name="status"' not in change.content.decode()
