"""Exactly once even when the same meeting arrives twice at the same moment (two
taps on "sync", or a retry while the first request is still running)."""

import threading

import pytest
from django.db import connection

from field.models import MeetingReceipt
from field.sync import meeting_save
from scorecards.models import Scorecard

from .meetings import meeting


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sendings_of_a_meeting_save_it_once(world, library):
    record = meeting(world, library)
    start = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            start.wait()
            outcomes.append(meeting_save(user=world.facilitator, record=record))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [o.status for o in outcomes] == ["saved", "saved"]
    assert outcomes[0].scorecards == outcomes[1].scorecards
    assert Scorecard.objects.count() == 3
    assert MeetingReceipt.objects.count() == 1
