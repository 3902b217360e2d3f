import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from isaf.models import AuditEntry
from scorecards import services
from scorecards.models import (
    JaapAction,
    JaapFollowUp,
    LibraryIndicator,
    Scorecard,
    ScorecardVersion,
)
from scorecards.services import IndicatorChoice
from tests import upload_files

from .steps import (
    choose_indicators,
    create,
    follow_up,
    library_choices,
    open_correction,
    publish,
    save_setup,
    set_votes,
    submit,
)

TODAY = datetime.date.today()
PNG = upload_files.png()


def scored(world, group=Scorecard.Group.WOMEN, votes=(0, 1, 2, 3, 4)):
    scorecard = create(world, group=group)
    ambulance = IndicatorChoice(custom_name="Ambulance to the referral hospital")
    choose_indicators(world, scorecard, [*library_choices(2), ambulance])
    set_votes(world, scorecard, {i.pk: votes for i in scorecard.indicators.all()})
    return scorecard


def test_the_library_is_seeded_for_every_kind_of_provider(db):
    for kind in ("health_centre", "primary_school", "commune"):
        indicators = LibraryIndicator.objects.filter(provider_kind=kind)
        assert indicators.count() >= 10
        assert all(i.name_km and i.name_en for i in indicators)
    assert LibraryIndicator.objects.get(code="ps-separate-latrines").name_en == (
        "Separate latrines for girls and boys"
    )


def test_a_facilitator_records_a_scorecard_in_their_coverage(world):
    scorecard = create(world)
    assert scorecard.status == Scorecard.Status.PLANNED
    assert AuditEntry.objects.filter(action="scorecard.create").count() == 1


def test_a_facilitator_outside_coverage_is_refused_and_nothing_is_written(world):
    with pytest.raises(PermissionDenied):
        create(world, provider=world.outside, village=None)
    assert not Scorecard.objects.exists()


def test_coverage_of_another_cycle_does_not_count(world):
    from communes.tests.factories import CycleFactory

    old = CycleFactory(year=world.cycle.year - 1)
    with pytest.raises(PermissionDenied):
        services.scorecard_create(
            user=world.facilitator,
            provider=world.health_centre,
            cycle=old,
            kind="community",
            group="men",
            held_on=TODAY,
        )


def test_councillors_and_reviewers_do_not_record_scorecards(world):
    for user in (world.councillor, world.reviewer):
        with pytest.raises(PermissionDenied):
            create(world, user=user)


def test_a_village_outside_the_providers_communes_is_refused(world):
    from communes.tests.factories import VillageFactory

    far = VillageFactory(commune=world.elsewhere, code="02080101")
    with pytest.raises(ValidationError) as error:
        create(world, village=far)
    assert "village" in error.value.message_dict


def test_it_refuses_a_stale_save(world):
    scorecard = create(world)
    opened_at = scorecard.version
    save_setup(world, scorecard, version=opened_at, attendance_male=4)
    with pytest.raises(services.StaleVersionError):
        save_setup(world, scorecard, version=opened_at, attendance_male=9)
    scorecard.refresh_from_db()
    assert scorecard.attendance_male == 4


def test_votes_are_kept_when_the_indicator_list_changes(world):
    scorecard = scored(world)
    first = scorecard.indicators.first()
    services.scorecard_indicators_set(
        scorecard=scorecard,
        user=world.facilitator,
        version=scorecard.version,
        choices=[
            IndicatorChoice(library_indicator_id=first.library_indicator_id),
            IndicatorChoice(custom_name="Night guard", is_selected=False),
        ],
    )
    names = [(i.name, i.is_selected) for i in scorecard.indicators.all()]
    assert names == [(first.name, True), ("Night guard", False)]
    assert scorecard.indicators.first().votes == (0, 1, 2, 3, 4)


def test_an_indicator_of_another_provider_kind_is_refused(world):
    scorecard = create(world)
    school_item = LibraryIndicator.objects.filter(provider_kind="primary_school")[0]
    with pytest.raises(ValidationError):
        services.scorecard_indicators_set(
            scorecard=scorecard,
            user=world.facilitator,
            version=scorecard.version,
            choices=[IndicatorChoice(library_indicator_id=school_item.pk)],
        )
    assert not scorecard.indicators.exists()


def test_a_negative_or_huge_vote_count_is_refused(world):
    scorecard = scored(world)
    indicator = scorecard.indicators.first()
    for bad in ((-1, 0, 0, 0, 0), (0, 0, 0, 0, 10_001)):
        with pytest.raises(ValidationError):
            services.scorecard_votes_set(
                scorecard=scorecard,
                user=world.facilitator,
                version=scorecard.version,
                votes={indicator.pk: bad},
            )
    indicator.refresh_from_db()
    assert indicator.votes == (0, 1, 2, 3, 4)


def test_a_scorecard_without_votes_cannot_be_submitted(world):
    scorecard = create(world)
    with pytest.raises(ValidationError):
        services.scorecard_submit(
            scorecard=scorecard, user=world.facilitator, version=scorecard.version
        )


def test_a_reviewer_publishes_a_frozen_version_and_a_facilitator_cannot(world):
    scorecard = scored(world)
    submit(world, scorecard)
    with pytest.raises(PermissionDenied):
        services.scorecard_publish(
            scorecard=scorecard, user=world.facilitator, version=scorecard.version
        )
    published = services.scorecard_publish(
        scorecard=scorecard, user=world.reviewer, version=scorecard.version
    )
    assert published.number == 1
    assert [i["votes"] for i in published.snapshot["indicators"]] == [
        [0, 1, 2, 3, 4]
    ] * 3
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.PUBLISHED
    with pytest.raises(ValidationError):
        save_setup(world, scorecard, version=scorecard.version, attendance_male=1)


def test_a_correction_is_a_new_version_with_its_reason(world):
    scorecard = scored(world)
    submit(world, scorecard)
    publish(world, scorecard)
    with pytest.raises(ValidationError):
        open_correction(world, scorecard, " ")
    open_correction(world, scorecard, "Two votes were counted twice")
    indicator = scorecard.indicators.first()
    set_votes(world, scorecard, {indicator.pk: (0, 1, 2, 3, 2)})
    submit(world, scorecard)
    second = services.scorecard_publish(
        scorecard=scorecard, user=world.reviewer, version=scorecard.version
    )
    versions = ScorecardVersion.objects.filter(scorecard=scorecard).order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert second.reason == "Two votes were counted twice"
    # The first version is untouched: the public history keeps what was shown.
    assert versions[0].snapshot["indicators"][0]["votes"] == [0, 1, 2, 3, 4]
    assert versions[1].snapshot["indicators"][0]["votes"] == [0, 1, 2, 3, 2]


def test_a_reviewer_of_another_province_cannot_publish(world):
    from communes.models import Role
    from communes.tests.factories import ProvinceFactory, user_with_role

    other = user_with_role(
        "other-reviewer", kind=Role.Kind.REVIEWER, province=ProvinceFactory(code="17")
    )
    scorecard = scored(world)
    submit(world, scorecard)
    with pytest.raises(PermissionDenied):
        services.scorecard_publish(
            scorecard=scorecard, user=other, version=scorecard.version
        )
    assert not ScorecardVersion.objects.exists()


def test_a_self_assessment_starts_with_the_groups_selected_indicators(world):
    scored(world, group=Scorecard.Group.WOMEN)
    scored(world, group=Scorecard.Group.MEN)
    own = create(world, kind=Scorecard.Kind.SELF_ASSESSMENT)
    assert own.group == Scorecard.Group.PROVIDER
    assert own.indicators.count() == 3  # the same three indicators, once each


def meeting_for(world):
    return services.interface_meeting_create(
        user=world.facilitator,
        commune=world.commune,
        cycle=world.cycle,
        held_on=TODAY,
        attendance_female=20,
        attendance_male=15,
    )


def action_for(world, meeting, **extra):
    fields = {
        "issue": "No clean water",
        "action": "Repair the well",
        "responsible_party": "Health centre chief",
        "starts_on": TODAY,
        "due_on": TODAY + datetime.timedelta(days=30),
    }
    fields.update(extra)
    return services.jaap_action_create(
        user=world.facilitator, meeting=meeting, provider=world.health_centre, **fields
    )


def test_the_interface_meeting_is_refused_outside_coverage(world):
    with pytest.raises(PermissionDenied):
        services.interface_meeting_create(
            user=world.facilitator,
            commune=world.elsewhere,
            cycle=world.cycle,
            held_on=TODAY,
        )


def test_a_jaap_action_needs_an_indicator_or_an_issue(world):
    meeting = meeting_for(world)
    with pytest.raises(ValidationError) as error:
        action_for(world, meeting, issue="")
    assert "issue" in error.value.message_dict
    with pytest.raises(ValidationError):
        action_for(world, meeting, due_on=TODAY - datetime.timedelta(days=1))
    assert not JaapAction.objects.exists()


def test_a_jaap_action_for_a_provider_elsewhere_is_refused(world):
    meeting = meeting_for(world)
    with pytest.raises(PermissionDenied):
        services.jaap_action_create(
            user=world.facilitator,
            meeting=meeting,
            provider=world.outside,
            issue="x",
            action="y",
            responsible_party="z",
            starts_on=TODAY,
            due_on=TODAY,
        )


def test_an_action_is_overdue_when_its_due_date_passed_and_it_is_open(world):
    meeting = meeting_for(world)
    late = action_for(
        world,
        meeting,
        starts_on=TODAY - datetime.timedelta(days=60),
        due_on=TODAY - datetime.timedelta(days=1),
    )
    assert late.overdue
    done = action_for(
        world,
        meeting,
        starts_on=TODAY - datetime.timedelta(days=60),
        due_on=TODAY - datetime.timedelta(days=1),
        status=JaapAction.Status.COMPLETED,
    )
    assert not done.overdue
    assert not action_for(world, meeting).overdue


def test_a_follow_up_sets_the_actions_status_and_keeps_its_evidence(world):
    action = action_for(world, meeting_for(world))
    services.jaap_follow_up_add(
        action=action,
        user=world.facilitator,
        checked_on=TODAY,
        status=JaapAction.Status.ONGOING,
        note="Well dug, pump ordered",
        evidence=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
    )
    action.refresh_from_db()
    assert action.status == JaapAction.Status.ONGOING
    follow_up = action.follow_ups.get()
    assert follow_up.evidence.name.endswith(".png")
    assert follow_up.recorded_by == world.facilitator


def test_evidence_that_is_too_large_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = action_for(world, meeting_for(world))
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        follow_up(world, action, evidence=big)
    assert "evidence" in error.value.message_dict
    assert not JaapFollowUp.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_evidence_of_the_wrong_type_is_refused_whatever_its_name(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    action = action_for(world, meeting_for(world))
    disguised = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program")
    with pytest.raises(ValidationError):
        follow_up(world, action, evidence=disguised)
    action.refresh_from_db()
    assert action.status == JaapAction.Status.NOT_STARTED
    assert not JaapFollowUp.objects.exists()
