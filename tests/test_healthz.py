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
