import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scorecards import services
from scorecards.models import JaapAction, JaapFollowUp, Scorecard, ScorecardVersion
from tests import upload_files

from .steps import save_setup, submit
from .test_services import action_for, create, meeting_for, scored

TODAY = datetime.date.today()


@pytest.fixture
def fac_client(client, world):
    client.force_login(world.facilitator)
    return client


def test_anonymous_users_are_sent_to_sign_in(client, world):
    scorecard = create(world)
    for url in (
        reverse("scorecards:workspace"),
        reverse("scorecards:start"),
        reverse("scorecards:votes", args=[scorecard.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def start_data(world, **fields):
    """The start form for a women's community scorecard at the world's health
    centre, held today, in Khmer; `fields` add the rest."""
    return {
        "provider": world.health_centre.pk,
        "kind": "community",
        "group": "women",
        "held_on": TODAY.isoformat(),
        "language": "km",
        **fields,
    }


def test_a_facilitator_starts_a_scorecard_with_khmer_digits(fac_client, world):
    response = fac_client.post(
        reverse("scorecards:start"),
        start_data(
            world,
            village=world.village.pk,
            attendance_female="១២",
            attendance_male="៣",
            attendance_youth="",
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    scorecard = Scorecard.objects.get()
    assert (scorecard.attendance_female, scorecard.attendance_male) == (12, 3)
    assert scorecard.attendance_youth == 0
    assert response["Location"] == reverse("scorecards:indicators", args=[scorecard.pk])


def test_a_bad_count_gets_an_error_beside_the_field_and_nothing_is_saved(
    fac_client, world
):
    response = fac_client.post(
        reverse("scorecards:start"),
        start_data(world, attendance_female="twelve", attendance_male="-3"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "attendance_female" in form.errors
    assert "attendance_male" in form.errors
    assert 'value="twelve"' in response.content.decode()
    assert not Scorecard.objects.exists()


def test_the_provider_list_offers_only_providers_in_coverage(fac_client, world):
    response = fac_client.get(reverse("scorecards:start"))
    providers = list(response.context["form"].fields["provider"].queryset)
    assert world.health_centre in providers
    assert world.outside not in providers
    villages = list(response.context["form"].fields["village"].queryset)
    assert villages == [world.village]
    response = fac_client.post(
        reverse("scorecards:start"),
        start_data(world, provider=world.outside.pk, group="men"),
    )
    assert response.status_code == 200
    assert "provider" in response.context["form"].errors
    assert not Scorecard.objects.exists()


def test_a_facilitator_outside_coverage_gets_404_on_someone_elses_scorecard(
    client, world
):
    from communes.models import Role
    from communes.tests.factories import OrganisationFactory, user_with_role

    scorecard = create(world)
    stranger = user_with_role(
        "stranger", kind=Role.Kind.FACILITATOR, organisation=OrganisationFactory()
    )
    client.force_login(stranger)
    for name in ("overview", "votes", "indicators", "edit", "sheet", "import"):
        assert (
            client.get(reverse(f"scorecards:{name}", args=[scorecard.pk])).status_code
            == 404
        )
    response = client.post(
        reverse("scorecards:submit", args=[scorecard.pk]), {"version": 1}
    )
    assert response.status_code == 404


def test_the_votes_grid_has_five_inputs_per_indicator_and_takes_khmer_digits(
    fac_client, world
):
    scorecard = scored(world, votes=(0, 0, 0, 0, 0))
    url = reverse("scorecards:votes", args=[scorecard.pk])
    response = fac_client.get(url)
    indicators = list(scorecard.indicators.filter(is_selected=True))
    html = response.content.decode()
    assert html.count('inputmode="numeric"') == 5 * len(indicators)
    data = {"version": scorecard.version}
    for indicator in indicators:
        for score, value in zip(range(1, 6), ["១", "២", "", "10", "០"], strict=True):
            data[f"votes_{indicator.pk}_{score}"] = value
    response = fac_client.post(url, data)
    assert response.status_code == 302
    for indicator in indicators:
        indicator.refresh_from_db()
        assert indicator.votes == (1, 2, 0, 10, 0)


def test_a_stale_save_is_refused_and_the_input_kept(fac_client, world):
    scorecard = scored(world, votes=(0, 0, 0, 0, 0))
    indicator = scorecard.indicators.first()
    url = reverse("scorecards:votes", args=[scorecard.pk])
    opened_at = scorecard.version
    # Someone else saves in between.
    save_setup(world, scorecard, version=opened_at, attendance_male=2)
    data = {"version": opened_at}
    for i in scorecard.indicators.all():
        for score in range(1, 6):
            data[f"votes_{i.pk}_{score}"] = "7"
    response = fac_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="7"' in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.votes == (0, 0, 0, 0, 0)


def test_the_indicator_form_saves_library_and_written_indicators(fac_client, world):
    from scorecards.models import LibraryIndicator

    scorecard = create(world)
    library = list(LibraryIndicator.objects.filter(provider_kind="health_centre"))
    data = {
        "version": scorecard.version,
        f"lib_{library[0].pk}": "selected",
        f"lib_{library[1].pk}": "proposed",
        "custom_0": "Ambulance at night",
        "custom_0_selected": "on",
    }
    response = fac_client.post(
        reverse("scorecards:indicators", args=[scorecard.pk]), data
    )
    assert response.status_code == 302
    rows = [(i.name, i.is_selected) for i in scorecard.indicators.all()]
    assert rows == [
        (library[0].name, True),
        (library[1].name, False),
        ("Ambulance at night", True),
    ]


def test_submit_then_a_reviewer_publishes_from_the_overview(client, world):
    scorecard = scored(world)
    client.force_login(world.facilitator)
    client.post(
        reverse("scorecards:submit", args=[scorecard.pk]),
        {"version": scorecard.version},
    )
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.SUBMITTED
    # The facilitator sees no publish button and cannot publish by posting.
    page = client.get(
        reverse("scorecards:overview", args=[scorecard.pk])
    ).content.decode()
    assert reverse("scorecards:publish", args=[scorecard.pk]) not in page
    response = client.post(
        reverse("scorecards:publish", args=[scorecard.pk]),
        {"version": scorecard.version},
    )
    assert response.status_code == 403
    client.force_login(world.reviewer)
    listing = client.get(reverse("scorecards:workspace"))
    assert scorecard in listing.context["awaiting_review"]
    client.post(
        reverse("scorecards:publish", args=[scorecard.pk]),
        {"version": scorecard.version},
    )
    assert ScorecardVersion.objects.filter(scorecard=scorecard).count() == 1


def test_the_spreadsheet_template_downloads(fac_client, world):
    scorecard = scored(world)
    response = fac_client.get(reverse("scorecards:sheet", args=[scorecard.pk]))
    assert response.status_code == 200
    assert response.content[:4] == b"PK\x03\x04"
    assert "attachment" in response["Content-Disposition"]


def test_a_bad_sheet_upload_lists_the_rows_and_imports_nothing(fac_client, world):
    from .test_spreadsheets import filled

    scorecard = scored(world, votes=(0, 0, 0, 0, 0))
    first = scorecard.indicators.first()
    upload = filled(scorecard, [[first.pk, first.name, 1, 1, "x", 1, 1]])
    response = fac_client.post(
        reverse("scorecards:import", args=[scorecard.pk]),
        {"version": scorecard.version, "sheet": upload},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ជួរឈរ" in html or "column E" in html
    first.refresh_from_db()
    assert first.votes == (0, 0, 0, 0, 0)
    assert isinstance(upload, SimpleUploadedFile)


@pytest.fixture
def action(world, settings, tmp_path):
    """A JAAP action of the world's health centre, its evidence kept in `tmp_path`."""
    settings.MEDIA_ROOT = tmp_path
    return action_for(
        world,
        meeting_for(world),
        issue="Broken well",
        responsible_party="Commune chief",
        due_on=TODAY,
    )


def test_the_meeting_page_adds_a_jaap_action(fac_client, world):
    meeting = meeting_for(world)
    url = reverse("scorecards:meeting", args=[meeting.pk])
    response = fac_client.post(
        url,
        {
            "add_action": "1",
            "action-provider": world.health_centre.pk,
            "action-issue": "No midwife at night",
            "action-action": "Roster a midwife on night duty",
            "action-responsible_party": "Health centre chief",
            "action-starts_on": TODAY.isoformat(),
            "action-due_on": (TODAY + datetime.timedelta(days=60)).isoformat(),
            "action-status": "not_started",
        },
    )
    assert response.status_code == 302
    assert JaapAction.objects.get().action == "Roster a midwife on night duty"


def post_follow_up(client, action, *, status, evidence, **fields):
    """Post today's follow-up of `action` with an evidence file, as its page does."""
    data = {
        "add_follow_up": "1",
        "follow_up-checked_on": TODAY.isoformat(),
        "follow_up-status": status,
        "follow_up-evidence": evidence,
    }
    data.update({f"follow_up-{name}": value for name, value in fields.items()})
    return client.post(reverse("scorecards:action", args=[action.pk]), data)


def test_an_evidence_upload_of_the_wrong_type_is_refused_beside_the_field(
    fac_client, action
):
    response = post_follow_up(
        fac_client,
        action,
        status="ongoing",
        note="Started",
        evidence=SimpleUploadedFile("report.pdf", b"<html>not a pdf"),
    )
    assert response.status_code == 200
    assert "evidence" in response.context["follow_up_form"].errors
    assert not JaapFollowUp.objects.exists()


def test_an_evidence_upload_that_is_too_large_is_refused(fac_client, action):
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 1)
    )
    response = post_follow_up(fac_client, action, status="ongoing", evidence=big)
    assert response.status_code == 200
    assert "evidence" in response.context["follow_up_form"].errors
    assert not JaapFollowUp.objects.exists()


def test_a_follow_up_with_a_pdf_is_recorded_and_served_to_the_facilitator_only(
    client, world, action
):
    client.force_login(world.facilitator)
    response = post_follow_up(
        client,
        action,
        status="completed",
        evidence=SimpleUploadedFile("minutes.pdf", upload_files.PDF),
    )
    assert response.status_code == 302
    follow_up = JaapFollowUp.objects.get()
    action.refresh_from_db()
    assert action.status == "completed"
    evidence = reverse("scorecards:evidence", args=[follow_up.pk])
    assert client.get(evidence).status_code == 200
    client.force_login(world.councillor)
    assert client.get(evidence).status_code == 404


def test_the_workspace_include_links_to_the_scorecard_pages(world):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    template = "scorecards/includes/_workspace_scorecards.html"
    facilitator = render_to_string(
        template, {"workspace": SimpleNamespace(facilitator=[1], secretariat=None)}
    )
    assert reverse("scorecards:workspace") in facilitator
    assert reverse("scorecards:start") in facilitator
    reviewer = render_to_string(
        template, {"workspace": SimpleNamespace(facilitator=[], secretariat=None)}
    )
    assert reverse("scorecards:workspace") in reviewer
    assert reverse("scorecards:start") not in reviewer


def test_entry_pages_of_a_submitted_scorecard_send_you_to_its_summary(
    fac_client, world
):
    scorecard = scored(world)
    services.scorecard_submit(
        scorecard=scorecard, user=world.facilitator, version=scorecard.version
    )
    for name in ("edit", "indicators", "votes", "remarks", "import"):
        response = fac_client.get(reverse(f"scorecards:{name}", args=[scorecard.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "scorecards:overview", args=[scorecard.pk]
        )


def test_a_reviewer_returns_a_scorecard_with_a_comment(client, world):
    scorecard = scored(world)
    submit(world, scorecard)
    client.force_login(world.reviewer)
    client.post(
        reverse("scorecards:return", args=[scorecard.pk]),
        {"version": scorecard.version, "comment": "The men's votes are missing"},
    )
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.PLANNED
    assert scorecard.review_comment == "The men's votes are missing"
    client.force_login(world.facilitator)
    page = client.get(reverse("scorecards:overview", args=[scorecard.pk]))
    assert "The men&#x27;s votes are missing" in page.content.decode()
