import time

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_it_reports_the_database_as_ok_with_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert set(body) == {"database", "broker", "workers"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
@override_settings(REDIS_URL="", CELERY_BROKER_URL="memory://")
def test_without_a_broker_jobs_are_reported_as_in_process(client):
    body = client.get("/healthz").json()
    assert body["broker"] == "in-process"
    assert body["workers"] == "in-process"


@pytest.mark.django_db
@override_settings(
    REDIS_URL="redis://127.0.0.1:1/0", CELERY_BROKER_URL="redis://127.0.0.1:1/0"
)
def test_a_dead_broker_is_reported_but_the_answer_stays_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "down"


def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    from isaf import views

    monkeypatch.setattr(views, "_database_state", lambda: "down")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.fixture(autouse=True)
def _broker_asked_afresh():
    from isaf import views

    views._broker_state.clear()
    views._asking.clear()
    yield
    views._broker_state.clear()
    views._asking.clear()


@pytest.mark.django_db
def test_a_hung_broker_is_reported_within_two_seconds(tmp_path, settings):
    from tests.redis_server import portal_on, redis_start

    redis = redis_start(tmp_path)
    try:
        with portal_on(redis, settings):
            redis.pause()
            from django.test import Client

            started = time.monotonic()
            response = Client().get("/healthz")
            assert time.monotonic() - started < 2
            assert response.status_code == 200
            assert response.json()["broker"] == "down"
    finally:
        redis.kill()


@pytest.mark.django_db
def test_the_broker_is_asked_at_most_every_few_seconds(client, monkeypatch, settings):
    from isaf import views

    settings.REDIS_URL = settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    asked = []
    monkeypatch.setattr(
        views, "_broker_and_worker_state", lambda: asked.append(1) or ("ok", "ok")
    )
    for _ in range(3):
        assert client.get("/healthz").json()["broker"] == "ok"
    assert asked == [1]
