"""An admin edit or delete of a scorecard, meeting, JAAP action or follow-up tells
the figures registry which communes changed, as the services do."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from communes import freshness
from communes.tests.factories import UserFactory
from scorecards.models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    Scorecard,
)
from scorecards.tests.factories import (
    InterfaceMeetingFactory,
    JaapActionFactory,
    ScorecardFactory,
)


@pytest.fixture
def refreshed():
    """Communes whose figures a registered refresher was asked to refresh."""
    calls: list[set[str]] = []
    freshness.refresher_register(
        freshness.Refresher(
            key="test.scorecards-admin",
            refresh=lambda codes: calls.append(set(codes)),
            rebuild=lambda: None,
        )
    )
    yield calls
    freshness._refreshers.pop("test.scorecards-admin", None)


@pytest.fixture
def admin_request(db):
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def _follow_up():
    action = JaapActionFactory()
    return JaapFollowUp.objects.create(
        action=action,
        checked_on=datetime.date.today(),
        status=JaapAction.Status.ONGOING,
    )


RECORDS = {
    Scorecard: lambda: ScorecardFactory(),
    InterfaceMeeting: lambda: InterfaceMeetingFactory(),
    JaapAction: lambda: JaapActionFactory(),
    JaapFollowUp: _follow_up,
}


def _commune_of(record) -> str:
    if isinstance(record, Scorecard):
        return record.provider.commune_id
    if isinstance(record, InterfaceMeeting):
        return record.commune_id
    if isinstance(record, JaapAction):
        return record.meeting.commune_id
    return record.action.meeting.commune_id


@pytest.mark.parametrize("model", list(RECORDS), ids=lambda m: m.__name__)
def test_an_admin_edit_refreshes_the_figures_of_the_records_commune(
    model, refreshed, admin_request, django_capture_on_commit_callbacks
):
    record = RECORDS[model]()
    model_admin = site._registry[model]
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(admin_request, record, form=None, change=True)
    assert any(_commune_of(record) in codes for codes in refreshed)


@pytest.mark.parametrize("model", list(RECORDS), ids=lambda m: m.__name__)
def test_an_admin_delete_refreshes_the_figures_of_the_records_commune(
    model, refreshed, admin_request, django_capture_on_commit_callbacks
):
    record = RECORDS[model]()
    commune = _commune_of(record)
    model_admin = site._registry[model]
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.delete_model(admin_request, record)
    assert not model.objects.filter(pk=record.pk).exists()
    assert any(commune in codes for codes in refreshed)


def test_an_admin_bulk_delete_refreshes_the_figures_of_every_commune(
    refreshed, admin_request, django_capture_on_commit_callbacks
):
    first, second = ScorecardFactory(), ScorecardFactory()
    communes = {first.provider.commune_id, second.provider.commune_id}
    model_admin = site._registry[Scorecard]
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.delete_queryset(
            admin_request, Scorecard.objects.filter(pk__in=[first.pk, second.pk])
        )
    assert communes <= set().union(*refreshed)
