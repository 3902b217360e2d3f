"""Fault tests: each injects a real fault (a process killed or paused, a server
restarted, a disk filled) and counts what there was before and after, so that
the README's figures say how many faults were tried and how many rows were lost.
"""

import time
from pathlib import Path

import pytest


@pytest.fixture
def media(tmp_path, settings) -> Path:
    """A private MEDIA_ROOT for this test's files, and nothing else."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def wait_until(predicate, timeout: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
