"""A tiny real task for the worker harness's own test.

It lives with the harness, not in an app, so production workers never register
it; the harness starts workers with ``-I tests.worker.tasks``.
"""

import json
import os
import tempfile
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.worker.write_probe", acks_late=True)
def write_probe(
    *, path: str, group_name: str, delay: float = 0.0, started: str = ""
) -> None:
    """Write what this worker sees of the database to ``path``, whole or not at all.

    ``started`` (a path) is touched first, so that a test knows the task is
    running before it kills the worker; ``delay`` keeps it running meanwhile.
    The file is written to a temporary name in the same directory and renamed
    over ``path``: a rename is atomic, so a reader (or a worker killed halfway)
    never leaves a partial file behind.
    """
    from django.contrib.auth.models import Group
    from django.db import connection

    if started:
        Path(started).touch()
    time.sleep(delay)
    payload = {
        "database": connection.settings_dict["NAME"],
        "group_found": Group.objects.filter(name=group_name).exists(),
        "pid": os.getpid(),
    }
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".probe-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
