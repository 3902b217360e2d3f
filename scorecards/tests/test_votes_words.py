"""The votes page names what each box counts, and Khmer pages speak of scoring
(ការដាក់ពិន្ទុ), never of an election."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from scorecards import services
from scorecards.forms import VotesForm

from .steps import open_correction, publish, submit
from .test_services import action_for, create, meeting_for, scored

TODAY = datetime.date.today()
ELECTION_WORDS = ("សំឡេង", "ឆ្នោត")


@pytest.fixture
def fac_client(client, world):
    client.force_login(world.facilitator)
    return client


def test_each_vote_box_is_labelled_with_its_indicator_and_score(world):
    scorecard = scored(world)
    indicators = list(scorecard.indicators.all())
    with translation.override("en"):
        form = VotesForm(indicators=indicators, initial={"version": 1})
        for indicator in indicators:
            label = form.fields[f"votes_{indicator.pk}_3"].label
            assert label == f"{indicator.name}: votes for score 3"


def test_the_khmer_vote_box_label_names_the_indicator_and_a_khmer_score(world):
    scorecard = scored(world)
    indicator = scorecard.indicators.first()
    with translation.override("km"):
        form = VotesForm(indicators=[indicator], initial={"version": 1})
        label = str(form.fields[f"votes_{indicator.pk}_4"].label)
    assert label.startswith(f"{indicator.name}៖ ")
    assert label.endswith("៤")
    assert "4" not in label


def test_the_merge_view_of_a_stale_votes_save_names_the_indicator(fac_client, world):
    scorecard = scored(world, votes=(0, 0, 0, 0, 0))
    indicator = scorecard.indicators.order_by("position").first()
    with translation.override("en"):
        url = reverse("scorecards:votes", args=[scorecard.pk])
    opened = fac_client.get(url).context["form"]
    data = {"version": scorecard.version, "read": opened["read"].value()}
    # Someone else records 5 votes for score 3 of the first indicator.
    services.scorecard_votes_set(
        scorecard=scorecard,
        user=world.facilitator,
        version=scorecard.version,
        votes={indicator.pk: [0, 0, 5, 0, 0]},
    )
    for i in scorecard.indicators.all():
        for score in range(1, 6):
            data[f"votes_{i.pk}_{score}"] = "1" if i == indicator else "0"
    response = fac_client.post(url, data)
    assert response.status_code == 200
    labels = [f.label for f in response.context["form"].merge.fields]
    assert f"{indicator.name}: votes for score 3" in labels


def _scorecard_pages(world):
    """Every scorecard page a facilitator sees, with data on each."""
    entered = scored(world)
    published = scored(world, group="men")
    submit(world, published)
    publish(world, published)
    open_correction(world, published, "Women's votes were swapped")
    meeting = meeting_for(world)
    action = action_for(
        world,
        meeting,
        issue="No midwife at night",
        action="Roster a midwife on night duty",
    )
    pages = [
        ("scorecards:workspace", []),
        ("scorecards:start", []),
        ("scorecards:public", [published.pk]),
        ("scorecards:meeting", [meeting.pk]),
        ("scorecards:action", [action.pk]),
    ]
    for scorecard in (entered, published):
        for name in ("overview", "edit", "indicators", "votes", "remarks", "import"):
            pages.append((f"scorecards:{name}", [scorecard.pk]))
    return pages


def test_no_khmer_scorecard_page_uses_election_words(fac_client, world):
    create(world, group="youth")
    with translation.override("km"):
        urls = [reverse(name, args=args) for name, args in _scorecard_pages(world)]
    for url in urls:
        assert url.startswith("/km/")
        response = fac_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for word in ELECTION_WORDS:
            assert word not in html, (url, word)
