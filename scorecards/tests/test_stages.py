import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from scorecards import services
from scorecards.selectors import CycleStages, cycle_stages, cycle_stages_for_communes

from .test_services import create, scored

TODAY = datetime.date.today()


def test_no_records_means_no_stage_reached(world):
    assert cycle_stages(commune=world.commune, cycle=world.cycle) == CycleStages()


def test_stages_follow_the_records_as_they_are_made(world):
    scorecard = scored(world)
    # Being entered is not done yet.
    assert not cycle_stages(commune=world.commune, cycle=world.cycle).scorecards_done
    services.scorecard_submit(
        scorecard=scorecard, user=world.facilitator, version=scorecard.version
    )
    stages = cycle_stages(commune=world.commune, cycle=world.cycle)
    assert stages.scorecards_done and not stages.interface_meeting_held

    meeting = services.interface_meeting_create(
        user=world.facilitator, commune=world.commune, cycle=world.cycle, held_on=TODAY
    )
    stages = cycle_stages(commune=world.commune, cycle=world.cycle)
    assert stages.interface_meeting_held and not stages.jaap_agreed

    action = services.jaap_action_create(
        user=world.facilitator,
        meeting=meeting,
        provider=world.health_centre,
        issue="Water",
        action="Repair the well",
        responsible_party="Chief",
        starts_on=TODAY,
        due_on=TODAY,
    )
    stages = cycle_stages(commune=world.commune, cycle=world.cycle)
    assert stages.jaap_agreed and not stages.jaap_reviewed

    services.jaap_follow_up_add(
        action=action,
        user=world.facilitator,
        checked_on=TODAY,
        status="ongoing",
        evidence=SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n0000"),
    )
    assert cycle_stages(commune=world.commune, cycle=world.cycle) == CycleStages(
        scorecards_done=True,
        interface_meeting_held=True,
        jaap_agreed=True,
        jaap_reviewed=True,
    )


def test_a_meeting_planned_for_a_later_date_is_not_held_yet(world):
    services.interface_meeting_create(
        user=world.facilitator,
        commune=world.commune,
        cycle=world.cycle,
        held_on=TODAY + datetime.timedelta(days=10),
    )
    assert not cycle_stages(
        commune=world.commune, cycle=world.cycle
    ).interface_meeting_held


def test_a_health_centre_scorecard_counts_for_the_communes_it_serves(world):
    from communes.tests.factories import CommuneFactory

    neighbour = CommuneFactory(district=world.district, code="110402")
    world.health_centre.communes_served.add(world.commune, neighbour)
    scorecard = scored(world)
    services.scorecard_submit(
        scorecard=scorecard, user=world.facilitator, version=scorecard.version
    )
    stages = cycle_stages_for_communes(
        communes=[world.commune, neighbour, world.elsewhere], cycle=world.cycle
    )
    assert stages[neighbour.pk].scorecards_done
    assert not stages[world.elsewhere.pk].scorecards_done


def test_a_self_assessment_alone_is_not_scorecards_done(world):
    own = create(world, kind="self_assessment", group="")
    assert own.status == "planned"
    assert not cycle_stages(commune=world.commune, cycle=world.cycle).scorecards_done


def test_many_communes_cost_a_constant_number_of_queries(
    world, django_assert_max_num_queries
):
    from communes.tests.factories import CommuneFactory

    communes = [world.commune] + [
        CommuneFactory(district=world.district, code=f"1104{n:02d}")
        for n in range(10, 30)
    ]
    with django_assert_max_num_queries(5):
        stages = cycle_stages_for_communes(communes=communes, cycle=world.cycle)
    assert len(stages) == 21
