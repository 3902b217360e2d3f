import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scorecards import services
from scorecards.models import JaapAction, Scorecard

from .conftest import build_published
from .factories import ScorecardFactory
from .steps import open_correction

TODAY = datetime.date.today()


def add_jaap(world):
    meeting = services.interface_meeting_create(
        user=world.facilitator, commune=world.commune, cycle=world.cycle, held_on=TODAY
    )
    for issue, status, due in (
        ("Medicines run out", "ongoing", TODAY - datetime.timedelta(days=3)),
        ("No night duty", "completed", TODAY - datetime.timedelta(days=3)),
    ):
        services.jaap_action_create(
            user=world.facilitator,
            meeting=meeting,
            provider=world.health_centre,
            issue=issue,
            action=f"Fix: {issue}",
            responsible_party="Health centre chief",
            starts_on=TODAY - datetime.timedelta(days=40),
            due_on=due,
            status=status,
        )
    return meeting


def test_the_public_page_shows_medians_words_faces_and_the_groups(
    client, world, published
):
    response = client.get(reverse("scorecards:public", args=[published[0].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # Women voted 0,1,2,3,1 (2,3,3,4,4,4,5) -> median 4; men 0,2,2,3,1
    # (2,2,3,3,4,4,4,5) -> (3 + 4) / 2 = 3.5; the provider scored itself 5.
    assert "ពេញចិត្ត" in html  # 4 in Khmer words
    assert "ពេញចិត្តខ្លាំង" in html  # 5: the self-assessment
    # Faces are drawn inline (one colour per scale point) beside the words.
    assert html.count('<svg class="face"') >= 5
    assert 'fill="#7dbb42"' in html and 'fill="#2e8b57"' in html
    assert "<strong>៣,៥</strong>" in html  # Khmer digits on the Khmer page
    assert "<strong>៤</strong>" in html


def test_the_english_page_uses_latin_digits_and_english_names(client, world, published):
    response = client.get(f"/en/scorecards/{published[0].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "good" in html and "very good" in html
    assert "<strong>3.5</strong>" in html and "<strong>4</strong>" in html
    assert "women" in html and "men" in html


def test_an_unpublished_scorecard_is_not_found(client, world):
    draft = ScorecardFactory(provider=world.health_centre, cycle=world.cycle)
    assert client.get(reverse("scorecards:public", args=[draft.pk])).status_code == 404
    assert client.get(f"/km/scorecards/{draft.pk}.csv").status_code == 404
    assert client.get("/km/scorecards/999999/").status_code == 404


def test_a_scorecard_under_correction_keeps_its_published_version(
    client, world, published
):
    scorecard = published[0]
    open_correction(world, scorecard, "Miscount")
    response = client.get(reverse("scorecards:public", args=[scorecard.pk]))
    assert response.status_code == 200


def test_the_jaap_shows_each_status_and_overdue_stands_out(client, world, published):
    add_jaap(world)
    html = client.get(f"/en/scorecards/{published[0].pk}/").content.decode()
    assert "Medicines run out" in html and "No night duty" in html
    assert html.count('class="overdue"') == 1  # the completed one is not overdue
    assert "overdue-flag" in html
    assert "ongoing" in html and "completed" in html


@pytest.mark.parametrize(
    "indicators,groups", [(2, ("women",)), (8, ("women", "men", "youth", "vulnerable"))]
)
def test_the_public_page_makes_at_most_15_queries_whatever_its_size(
    client, world, indicators, groups
):
    scorecards = build_published(world, indicators=indicators, groups=groups)
    add_jaap(world)
    url = reverse("scorecards:public", args=[scorecards[0].pk])
    client.get(url)  # warm caches such as content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 15, [q["sql"] for q in queries]
    html = response.content.decode()
    assert html.count('<th scope="row">') >= indicators


def test_the_query_count_does_not_grow_with_indicators_and_groups(client, world):
    small = build_published(world, indicators=1, groups=("women",))
    url = reverse("scorecards:public", args=[small[0].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    build_published(world, indicators=9, groups=("men", "youth", "vulnerable"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_csv_has_a_row_per_indicator_and_group_and_the_jaap(
    client, world, published
):
    add_jaap(world)
    response = client.get(reverse("scorecards:public-csv", args=[published[0].pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    scores = [r for r in rows if r and r[0] == "score"]
    # 3 indicators x (community + women + men + self-assessment)
    assert len(scores) == 12
    women = next(r for r in scores if r[5] == "women")
    assert women[6:11] == ["0", "1", "2", "3", "1"]
    assert women[12] == "4"
    community = next(r for r in scores if r[5] == "community")
    assert community[6:11] == ["0", "3", "4", "6", "2"]
    assert community[12] == "4"
    assert community[13] == "3.47"  # 52 / 15
    men = next(r for r in scores if r[5] == "men")
    assert men[12] == "3.5"
    actions = [r for r in rows if r and r[0] == "jaap_action"]
    assert {(r[10], r[11]) for r in actions} == {
        ("ongoing", "yes"),
        ("completed", "no"),
    }


def test_results_for_commune_serve_the_board(
    world, published, django_assert_max_num_queries
):
    from scorecards.selectors import results_for_commune

    add_jaap(world)
    # The versions, the JAAP actions and the voice clips.
    with django_assert_max_num_queries(3):
        boards = results_for_commune(commune=world.commune)
    assert len(boards) == 1
    board = boards[0]
    assert board.provider == world.health_centre
    assert [g.code for g in board.results.groups] == ["women", "men"]
    assert board.results.has_self_assessment
    assert {a.status for a in board.actions} == {
        JaapAction.Status.ONGOING,
        JaapAction.Status.COMPLETED,
    }
    assert board.scorecard_id in [
        s.pk for s in published if s.kind == Scorecard.Kind.COMMUNITY
    ]


def test_the_commune_include_renders(world, published, rf):
    from django.template.loader import render_to_string

    from scorecards.selectors import results_for_commune

    html = render_to_string(
        "scorecards/includes/_commune_results.html",
        {"scorecard_results": results_for_commune(commune=world.commune)},
    )
    assert f"/scorecards/{published[0].pk}/" in html
    assert 'fill="#7dbb42"' in html  # the face for 4, "good"
