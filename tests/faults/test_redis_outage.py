"""With Redis killed or hung, every public page answers, publishing succeeds and
says so, and no page shows the version before the publish (DESIGN, "Reliability
rules"). Each test runs its own redis-server and kills or pauses it; the shared
Redis is never touched.

Nothing is lost: the published version, and the posters the publish asks for,
which wait as queued rows (the broker did not take them) and are printed by the
sweep once the broker answers again. The boards' refresh needs no Redis: a
publish moves its pages' generation in the database, and a page whose render
job could not be sent is rendered on its first read. (A real worker taking the
waiting posters when Redis comes back: printing/tests/test_worker.py.)
"""

import csv
import io
import time

import pytest
from django.core.cache import cache

from i4c.models import BudgetLine, Package, PublishedVersion
from i4c.tests.factories import (
    PackageFactory,
    councillor_for,
    reviewer_for,
)
from i4c.tests.filling import fill_required
from isaf import broker
from isaf.celery import app
from printing.models import PrintJob
from printing.services import print_jobs_sweep
from tests import quality
from tests.redis_server import own_redis  # noqa: F401 (a fixture)

# Transactional: the publish commits as in production, and its on-commit work
# (posters, stored pages) meets the dead or hung broker for real.
pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

OLD, NEW = 6_080_000, 7_777_777


def public_pages(package, centre) -> list[str]:
    code = package.provider.commune_id
    name = package.provider.commune.name_latin
    return [
        f"/{lang}/{path}"
        for lang in ("km", "en")
        for path in (
            f"communes/{code}/",
            f"communes/{code}/2025/",
            f"communes/{code}/2025.csv",
            f"communes/{code}/2025.json",
            f"providers/{centre.code}/",
            "open-data/i4c/2025.csv",
            f"communes/?q={name}",
        )
    ]


def health_within_two_seconds(client) -> dict:
    started = time.monotonic()
    health = client.get("/healthz")
    assert time.monotonic() - started < 2
    assert health.status_code == 200
    return health.json()


def print_once_the_broker_answers(media) -> None:
    """The beat sweep, once the broker takes jobs again (here: run in this
    process, as with no broker): every waiting poster is printed."""
    broker._refused_at = None
    app.conf.task_always_eager = True
    try:
        print_jobs_sweep()
    finally:
        app.conf.task_always_eager = False


def read_all(client, paths) -> dict[str, str]:
    pages = {}
    for path in paths:
        response = client.get(path, HTTP_ACCEPT_ENCODING="identity")
        assert response.status_code == 200, path
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        pages[path] = body.decode("utf-8-sig")
    return pages


def own_source_figures(pages: dict[str, str], code: str) -> set[str]:
    """What the English board, its JSON and CSV say the own-source revenue was."""
    found = set()
    for figure in (OLD, NEW):
        if f"{figure:,} riel" in pages[f"/en/communes/{code}/2025/"]:
            found.add(f"board {figure}")
        if f"{figure:,} riel" in pages[f"/en/communes/{code}/"]:
            found.add(f"page {figure}")
        if f'"actual": {figure}' in pages[f"/en/communes/{code}/2025.json"]:
            found.add(f"json {figure}")
        for name in (f"/en/communes/{code}/2025.csv", "/en/open-data/i4c/2025.csv"):
            rows = csv.reader(io.StringIO(pages[name]))
            if any(str(figure) in row for row in rows):
                found.add(f"csv {figure}")
    return found


def publish_correction(client, package) -> tuple:
    """The reviewer publishes a corrected own-source figure from the review page."""
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    BudgetLine.objects.filter(package=package, category="own_source").update(actual=NEW)
    client.force_login(reviewer_for())
    started = time.monotonic()
    response = client.post(
        f"/en/review/{package.pk}/",
        {"action": "publish", "publish-reason": "Own-source figure corrected"},
        follow=True,
    )
    seconds = time.monotonic() - started
    client.logout()
    return response, seconds


def return_and_submit(client, administration):
    """A councillor submits and a reviewer returns: both are saved and said."""
    package = PackageFactory(provider=administration, year=2026)
    councillor = councillor_for(administration.commune)
    fill_required(package, councillor)
    package.refresh_from_db()
    client.force_login(councillor)
    submitted = client.post(
        f"/en/workspace/i4c/{package.pk}/submit/",
        {"version": str(package.version)},
        follow=True,
    )
    assert submitted.status_code == 200
    assert Package.objects.get(pk=package.pk).status == Package.Status.SUBMITTED
    client.force_login(reviewer_for())
    returned = client.post(
        f"/en/review/{package.pk}/",
        {"action": "return", "return-comment": "Add the night shift."},
        follow=True,
    )
    assert "Returned to its author." in returned.content.decode()
    assert Package.objects.get(pk=package.pk).status == Package.Status.RETURNED
    client.logout()


def check_outage(client, commune, own_redis, outage, media):  # noqa: F811
    package, centre = commune
    code = package.provider.commune_id
    paths = public_pages(package, centre)
    before = read_all(client, paths)  # Redis up: the pages are stored
    assert own_source_figures(before, code) == {
        f"board {OLD}",
        f"page {OLD}",
        f"json {OLD}",
        f"csv {OLD}",
    }
    versions = PublishedVersion.objects.count()
    outage()
    quality.record("faults.injected", 1)
    read_all(client, paths)  # Redis gone: every page still answers
    health_within_two_seconds(client)
    response, seconds = publish_correction(client, package)
    assert response.status_code == 200
    assert "Published." in response.content.decode()
    assert Package.objects.get(pk=package.pk).published_version.number == 2
    after = read_all(client, paths)
    assert own_source_figures(after, code) == {
        f"board {NEW}",
        f"page {NEW}",
        f"json {NEW}",
        f"csv {NEW}",
    }
    # The posters the publish asked for wait as rows, never sent.
    jobs = PrintJob.objects.filter(target=str(package.pk))
    asked = jobs.count()
    assert asked > 0
    assert set(jobs.values_list("status", flat=True)) == {"queued"}
    assert not jobs.filter(enqueued_at__isnull=False).exists()
    return_and_submit(client, package.provider)

    print_once_the_broker_answers(media)
    statuses = list(jobs.values_list("status", flat=True))
    lost = (versions + 1 - PublishedVersion.objects.count()) + (
        asked - statuses.count("done")
    )
    quality.record("faults.rows_lost", lost)
    assert lost == 0, statuses
    return seconds


def test_with_redis_killed_pages_answer_and_a_publish_shows_at_once(
    client,
    commune,
    own_redis,  # noqa: F811
    media,
):
    seconds = check_outage(client, commune, own_redis, own_redis.kill, media)
    assert seconds < 10
    assert health_within_two_seconds(client)["broker"] == "down"


def test_with_redis_hung_pages_answer_and_a_publish_shows_at_once(
    client,
    commune,
    own_redis,  # noqa: F811
    media,
):
    seconds = check_outage(client, commune, own_redis, own_redis.pause, media)
    # One hand-over waits for the broker's short socket timeouts; the others of
    # the same publish are not tried (isaf.broker), so the councillor waits once.
    assert seconds < 10
    assert health_within_two_seconds(client)["broker"] == "down"


def test_a_hung_redis_is_a_cache_miss_within_a_second(own_redis):  # noqa: F811
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    own_redis.pause()
    started = time.monotonic()
    assert cache.get("greeting", "missed") == "missed"
    cache.set("greeting", "again")  # nothing raised
    assert cache.get_or_set("other", lambda: 42) == 42
    assert time.monotonic() - started < 1.5


def test_a_killed_redis_is_a_cache_miss_and_a_counter_says_so(own_redis):  # noqa: F811
    cache.set("greeting", "hello")
    own_redis.kill()
    started = time.monotonic()
    assert cache.get("greeting") is None
    assert cache.add("other", 1) is False
    cache.delete("greeting")  # nothing raised
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert time.monotonic() - started < 1.5
