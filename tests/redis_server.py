"""A Redis of the test's own, on a free port, that the test may kill or pause.

The shared Redis (6379) is never touched. The portal is pointed at it as both
its cache and its Celery broker for the test's duration::

    def test_it(own_redis):
        own_redis.pause()     # SIGSTOP: connections hang
        own_redis.kill()      # SIGKILL: connections are refused
"""

import contextlib
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OwnRedis:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


def redis_start(tmp_path) -> OwnRedis:
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"]
        + ["--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return OwnRedis(process=process, port=port)
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


@contextlib.contextmanager
def portal_on(redis: OwnRedis, settings):
    """Point the cache and the Celery broker of this process at `redis`."""
    from kombu import pools

    from isaf.celery import app

    def reset():
        # Kombu keeps connection and producer pools per process: drop them so
        # the next message opens a connection to the broker now named.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    before = (app.conf.broker_url, app.conf.task_always_eager)
    settings.REDIS_URL = redis.url
    settings.CELERY_BROKER_URL = redis.url
    settings.CACHES = {
        "default": {
            "BACKEND": "isaf.cache.TolerantRedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    reset()
    app.conf.broker_url = redis.url
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        reset()
        app.conf.broker_url, app.conf.task_always_eager = before


@pytest.fixture
def own_redis(tmp_path, settings):
    redis = redis_start(tmp_path)
    try:
        with portal_on(redis, settings):
            yield redis
    finally:
        redis.kill()
