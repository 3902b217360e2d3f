# Fixtures that several test folders share: the real Celery worker harness.
pytest_plugins = ["tests.worker.fixtures"]
