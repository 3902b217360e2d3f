"""The real-worker harness (tests/worker/): a worker subprocess on Redis that sees
the test's PostgreSQL database, can be stopped, and can be killed mid-job."""

import json
import os
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tests.worker.fixtures import group_is_gone, kill_worker, stop_worker
from tests.worker.tasks import write_probe

pytestmark = pytest.mark.worker


def wait_for(path: Path, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.1)
    return False


def test_a_real_worker_runs_a_task_against_the_test_database(
    celery_worker_process, tmp_path
):
    # Committed by the transactional test, so another connection can see it.
    group = Group.objects.create(name=f"harness-{uuid.uuid4().hex}")
    out = tmp_path / "probe.json"

    write_probe.apply_async(kwargs={"path": str(out), "group_name": group.name})

    assert wait_for(out), celery_worker_process.log()[-3000:]
    seen = json.loads(out.read_text())
    assert seen["database"] == connection.settings_dict["NAME"]
    assert seen["database"].startswith("test_")
    assert seen["group_found"] is True
    # It ran in the worker's pool, not eagerly in this process.
    assert seen["pid"] != os.getpid()
    assert celery_worker_process.alive
    assert [p.name for p in tmp_path.iterdir()] == ["probe.json"]


def test_stopping_a_worker_ends_it_and_its_pool(celery_worker_process):
    stop_worker(celery_worker_process)
    assert not celery_worker_process.alive
    assert group_is_gone(celery_worker_process)


def test_a_killed_worker_leaves_no_file_and_a_new_worker_takes_over(
    celery_worker_factory, tmp_path
):
    group = Group.objects.create(name=f"harness-{uuid.uuid4().hex}")
    first = celery_worker_factory()
    started = tmp_path / "started"
    slow = tmp_path / "slow.json"
    write_probe.apply_async(
        kwargs={
            "path": str(slow),
            "group_name": group.name,
            "delay": 60,
            "started": str(started),
        }
    )
    assert wait_for(started), first.log()[-3000:]

    kill_worker(first)

    assert first.process.returncode == -9
    assert group_is_gone(first)
    # Killed mid-job: neither the file nor a temporary piece of it exists.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["started"]

    second = celery_worker_factory()
    fresh = tmp_path / "fresh.json"
    write_probe.apply_async(kwargs={"path": str(fresh), "group_name": group.name})
    assert wait_for(fresh), second.log()[-3000:]
    assert json.loads(fresh.read_text())["group_found"] is True
    assert not slow.exists()
