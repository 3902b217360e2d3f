"""Celery beat runs the periodic jobs: every task it names exists."""

from django.conf import settings


def test_every_periodic_job_names_a_registered_task():
    from isaf.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {
        "printing.print_jobs_sweep",
        "notifications.messages_sweep",
        "notifications.review_digest",
        "scorecards.notify_overdue",
        "i4c.workbook_jobs_sweep",
    }
    assert names <= set(app.tasks)
