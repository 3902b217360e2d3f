"""The admin shows packages, versions and dissemination meetings read-only.

Every change to them goes through the services, which tell the dashboard's
registry (`communes.freshness.figures_changed`) what changed; an admin edit or
delete would bypass that, so the admin refuses both, even to a superuser.
"""

import datetime

import pytest

from communes.tests.factories import VillageFactory
from i4c.models import DisseminationEvent, Package, PublishedVersion

from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    package = full_commune_package(year=2025)
    version = publish_directly(package)
    event = DisseminationEvent.objects.create(
        package=package,
        village=VillageFactory(commune=package.provider.commune),
        held_on=datetime.date(2026, 3, 1),
        attendance_female=10,
        attendance_male=8,
    )
    return {
        "package": package,
        "publishedversion": version,
        "disseminationevent": event,
    }


@pytest.mark.parametrize("model", ["package", "publishedversion", "disseminationevent"])
def test_the_admin_refuses_to_change_a_record_the_dashboard_counts(
    admin_client, records, model
):
    obj = records[model]
    url = f"/admin/i4c/{model}/{obj.pk}/change/"
    assert admin_client.get(url).status_code == 200  # shown, read-only
    assert admin_client.post(url, {}).status_code == 403


@pytest.mark.parametrize("model", ["package", "publishedversion", "disseminationevent"])
def test_the_admin_refuses_to_delete_a_record_the_dashboard_counts(
    admin_client, records, model
):
    obj = records[model]
    response = admin_client.post(
        f"/admin/i4c/{model}/{obj.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_admin_bulk_delete_action_is_not_offered_for_packages(
    admin_client, records
):
    response = admin_client.post(
        "/admin/i4c/package/",
        {"action": "delete_selected", "_selected_action": [records["package"].pk]},
    )
    assert Package.objects.filter(pk=records["package"].pk).exists()
    assert PublishedVersion.objects.exists()
    assert response.status_code in (200, 302)
