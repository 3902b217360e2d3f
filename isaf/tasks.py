"""The job that stores public pages again after a publish (see `isaf.pages`).

Idempotent: a page already stored at its scope's generation answers from its
row; acknowledged late and retried, so a worker that dies mid-way leaves the
rest to the next one (and any page it missed is rendered on its first read).
"""

from celery import shared_task
from django.utils import translation

from .pages import scopes_render


@shared_task(
    name="isaf.pages_render",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=2,
    max_retries=3,
)
def pages_render(scopes: list[str]) -> int:
    # Each address names its language; the job starts from the default.
    with translation.override(None):
        return scopes_render(scopes)
