from celery import shared_task

from .services.overdue import jaap_overdue_notify


@shared_task(name="scorecards.notify_overdue", acks_late=True)
def notify_overdue() -> int:
    """The weekly overdue-JAAP digest (Celery beat, Monday morning)."""
    return jaap_overdue_notify()
