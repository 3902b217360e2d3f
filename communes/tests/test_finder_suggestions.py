"""The finder on the real pumi gazetteer: misspelled names suggest the right
place, hostile input is harmless, and a search costs a few queries."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.finder_cache import PageCache
from communes.selectors import place_find, similar
from communes.selectors.places import _SEARCH_MODELS
from communes.tests.factories import UserFactory

from .conftest import committed_gazetteer


@pytest.fixture(scope="module")
def pumi_gazetteer(django_db_setup, django_db_blocker, pumi_source):
    with committed_gazetteer(django_db_blocker, pumi_source) as report:
        yield report


@pytest.fixture
def pumi_db(pumi_gazetteer, db):
    return pumi_gazetteer


pytestmark = pytest.mark.usefixtures("pumi_db")


def _first_suggestion(query):
    finding = place_find(query=query)
    assert finding.suggestions, f"nothing suggested for {query!r}"
    first = finding.suggestions[0]
    return first.level, first.unit.code


def test_sen_monorom_suggests_the_krong_of_saen_monourom():
    assert _first_suggestion("Sen Monorom") == ("district", "1105")
    assert place_find(query="Sen Monorom").matches == []


def test_krang_teh_typed_without_its_bantoc_suggests_krang_teh_commune():
    assert _first_suggestion("ក្រងតេះ") == ("commune", "110401")


def test_pech_chreada_is_found_and_its_misspellings_suggest_it():
    match = place_find(query="Pech Chreada").matches[0]
    assert (match.level, match.unit.code, match.rank) == ("district", "1104", 0)
    for typo in ("Pech Chreda", "Pech Chreadaa", "Pec Chreada"):
        assert _first_suggestion(typo) == ("district", "1104"), typo


def test_a_whole_name_asks_for_no_suggestion():
    # Krang Teh matches exactly: no "did you mean" beside it.
    assert place_find(query="Krang Teh").suggestions == []


def test_suggestions_put_communes_and_districts_before_villages():
    levels = [m.level for m in place_find(query="Sen Monorom").suggestions]
    villages = [i for i, level in enumerate(levels) if level == "village"]
    others = [i for i, level in enumerate(levels) if level != "village"]
    assert others and (not villages or max(others) < min(villages))


def test_among_names_that_start_alike_the_closest_comes_first():
    matches = [m for m in place_find(query="Samrong", limit=200).matches if m.rank == 1]
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]


def test_the_finder_page_offers_the_suggestions_as_links(client):
    html = client.get("/en/communes/", {"q": "Sen Monorom"}).content.decode()
    assert 'id="suggestions-heading"' in html
    assert "Did you mean one of these?" in html
    assert 'href="/en/communes/districts/1105/"' in html
    html = client.get("/km/communes/", {"q": "ក្រងតេះ"}).content.decode()
    assert 'href="/km/communes/110401/"' in html
    assert "តើអ្នកចង់រកទីកន្លែងណាមួយ" in html


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "krang\x00teh",
        "a" * 100_000,
        "ក" * 100_000,
        "|",
        "||krangteh||",
        "%",
        "_",
        "%%%",
        "k_a%g",
        "\\",
        "'; DROP TABLE communes_commune; --",
        "\ufffd\u200b",
    ],
)
def test_hostile_queries_answer_at_once_without_an_error(client, query):
    started = time.perf_counter()
    response = client.get("/en/communes/", {"q": query})
    assert response.status_code == 200
    assert time.perf_counter() - started < 2
    if "%" in query or "_" in query:
        # LIKE's wildcards are taken as the characters they are.
        assert response.context["matches"] == []


def test_a_nul_in_the_address_is_not_an_error(client):
    assert client.get("/en/communes/?q=%00").status_code == 200
    assert client.get("/en/communes/?q=krang%00teh").status_code == 200


def test_a_misspelling_costs_a_few_queries_and_a_second_reader_none(client):
    with CaptureQueriesContext(connection) as first:
        client.get("/km/communes/", {"q": "Sen Monorom"})
    # The matches, the suggestions, and the units of the levels found.
    assert len(first) <= 6
    with CaptureQueriesContext(connection) as again:
        response = client.get("/km/communes/", {"q": "Sen Monorom"})
    assert response.status_code == 200 and len(again) == 0
    assert 'href="/km/communes/districts/1105/"' in response.content.decode()


def test_a_signed_in_reader_gets_a_page_of_their_own(client):
    client.get("/km/communes/", {"q": "Sen Monorom"})
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/km/communes/", {"q": "Sen Monorom"})
    assert response.status_code == 200 and len(queries) > 0


def test_the_page_cache_is_bounded_in_entries_and_age():
    pages = PageCache(max_entries=3, max_age=60)
    for n in range(5):
        pages.set(str(n), b"x")
    assert len(pages) == 3 and pages.get("0") is None and pages.get("4") == b"x"
    old = PageCache(max_entries=3, max_age=0)
    old.set("a", b"x")
    time.sleep(0.01)
    assert old.get("a") is None


def test_without_pg_trgm_python_suggests_the_same_places(monkeypatch):
    monkeypatch.setattr(similar, "has_trigrams", lambda: False)
    for query, expected in (
        ("senmonorom", ("district", "1105")),
        ("ក្រងតេះ", ("commune", "110401")),
        ("pechchreda", ("district", "1104")),
    ):
        rows = similar.suggested_rows(key=query, limit=5, models=_SEARCH_MODELS)
        code, level, _score = rows[0]
        assert (_SEARCH_MODELS[level][0], code) == expected, query


@pytest.fixture
def shared_cache(settings):
    """The Redis cache production uses, on this run's REDIS_URL."""
    import os

    from django.core.cache import cache

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs a shared cache (REDIS_URL)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-finder",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


def test_another_worker_answers_from_the_shared_cache(client, shared_cache):
    from communes.finder_cache import finder_pages

    client.get("/en/communes/", {"q": "Sen Monorom"})
    finder_pages.clear()  # as if the next reader reached another worker
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/communes/", {"q": "Sen Monorom"})
    assert response.status_code == 200 and len(queries) == 0
    # A made-up query is kept in this process only, never in the shared cache.
    client.get("/en/communes/", {"q": "zzqxvzzqxv"})
    finder_pages.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/communes/", {"q": "zzqxvzzqxv"})
    assert len(queries) > 0


def test_a_cache_that_fails_costs_only_a_search(client, monkeypatch):
    from django.core import cache as caches

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(caches.cache, "get", broken)
    monkeypatch.setattr(caches.cache, "set", broken)
    response = client.get("/en/communes/", {"q": "Sen Monorom"})
    assert response.status_code == 200
    assert 'href="/en/communes/districts/1105/"' in response.content.decode()


def test_the_python_trigram_similarity_is_pg_trgms():
    # Figures PostgreSQL gives for the same pairs.
    assert similar.trigram_similarity("senmonorom", "saenmonourom") == pytest.approx(
        0.4117647
    )
    assert similar.trigram_similarity("ក្រងតេះ", "ក្រង់តេះ") == pytest.approx(0.5454545)
