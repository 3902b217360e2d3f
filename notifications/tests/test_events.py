"""Each event reaches exactly the right people, and nobody outside the scope:
packages and scorecards returned or published, submissions waiting for review,
overdue JAAP actions, bulk print runs."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from communes.models import Role
from communes.tests import factories as cf
from i4c import services as i4c_services
from i4c.tests.factories import CommuneAdministrationFactory, PackageFactory
from i4c.tests.filling import submit_filled
from notifications.models import Follow, Message
from notifications.services import messages_sweep, preference_for
from scorecards.models import JaapAction
from scorecards.tests import steps
from scorecards.tests.test_services import action_for, meeting_for

pytestmark = pytest.mark.django_db


def told(user, event=None):
    rows = Message.objects.filter(user=user, channel="portal")
    if event:
        rows = rows.filter(event=event)
    return list(rows)


def with_email(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def places(world):
    """The world, plus a commune administration in it and one elsewhere, each with
    its councillor, and a reviewer of the other province."""
    world.administration = CommuneAdministrationFactory(commune=world.commune)
    world.other_councillor = cf.user_with_role(
        "coun2", kind=Role.Kind.COUNCILLOR, commune=world.elsewhere
    )
    world.other_reviewer = cf.user_with_role(
        "rev2", kind=Role.Kind.REVIEWER, province=world.elsewhere.district.province
    )
    world.national_reviewer = cf.user_with_role("revnat", kind=Role.Kind.REVIEWER)
    for user in (world.councillor, world.reviewer, world.facilitator):
        with_email(user)
    return world


def submitted_package(world):
    package = PackageFactory(
        provider=world.administration, year=2025, created_by=world.councillor
    )
    submit_filled(package, world.councillor)
    package.refresh_from_db()
    return package


def test_a_submission_tells_the_reviewers_of_its_province_once_a_day(places):
    world = places
    submitted_package(world)
    other = PackageFactory(
        provider=CommuneAdministrationFactory(
            commune=cf.CommuneFactory(district=world.district)
        ),
        year=2025,
    )
    submit_filled(other, _councillor_of(other))

    digest = told(world.reviewer, "review.waiting")
    assert len(digest) == 1
    assert "/review/" in digest[0].body
    assert len(told(world.national_reviewer, "review.waiting")) == 1
    assert told(world.other_reviewer) == []
    assert told(world.councillor) == [] and told(world.other_councillor) == []


def _councillor_of(package):
    return cf.user_with_role(
        kind=Role.Kind.COUNCILLOR, commune=package.provider.commune
    )


def test_the_daily_digest_lists_what_still_waits_and_is_sent_once_a_day(places):
    from notifications.digests import review_digest_all

    world = places
    submitted_package(world)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    review_digest_all(day=tomorrow)
    review_digest_all(day=tomorrow)
    assert len(told(world.reviewer, "review.waiting")) == 2
    assert told(world.other_reviewer) == []


def test_a_returned_package_tells_its_author_the_comment_by_email(
    places, smtp_server, eager
):
    world = places
    package = submitted_package(world)
    i4c_services.package_return(
        package=package, user=world.reviewer, comment="ពិនិត្យចំណូលឡើងវិញ"
    )
    messages_sweep()

    mails = smtp_server.to(world.councillor.email)
    assert len(mails) == 1
    assert "ពិនិត្យចំណូលឡើងវិញ" in smtp_server.text(mails[0])
    assert f"/km/workspace/i4c/{package.pk}/" in smtp_server.text(mails[0])
    assert told(world.other_councillor) == [] and told(world.facilitator) == []
    # The councillor's notice, and the reviewer's digest of the submission.
    assert len(smtp_server.messages) == 2


def test_a_message_is_in_the_recipients_language(places, smtp_server, eager):
    world = places
    preference = preference_for(world.councillor)
    preference.language = "en"
    preference.save()
    package = submitted_package(world)
    i4c_services.package_return(package=package, user=world.reviewer, comment="Fix it")
    messages_sweep()
    (mail,) = smtp_server.to(world.councillor.email)
    assert mail["Subject"].startswith("Returned for correction")
    assert "/en/workspace/i4c/" in smtp_server.text(mail)


def test_a_publication_tells_the_author_and_the_communes_followers_only(
    places, telegram_api, eager
):
    world = places
    Follow.objects.create(chat_id="777", commune=world.commune)
    Follow.objects.create(chat_id="888", commune=world.elsewhere)
    package = submitted_package(world)
    i4c_services.package_publish(package=package, user=world.reviewer)
    messages_sweep()

    assert len(told(world.councillor, "i4c.package_published")) == 1
    (citizen,) = telegram_api.to("777")
    assert "៛" in citizen["text"]  # the headline figures, in Khmer riel
    assert "/km/communes/110401/" in citizen["text"]
    assert telegram_api.to("888") == []
    assert told(world.other_councillor) == []


def test_a_returned_and_a_published_scorecard_tell_the_facilitator_who_entered_it(
    places, telegram_api, eager
):
    world = places
    Follow.objects.create(chat_id="777", commune=world.commune)
    Follow.objects.create(chat_id="888", commune=world.elsewhere)
    # A facilitator of another organisation, covering another district.
    other_organisation = cf.user_with_role(
        "fac-other", kind=Role.Kind.FACILITATOR, organisation=cf.OrganisationFactory()
    )
    cf.CoverageFactory(
        organisation=Role.objects.get(user=other_organisation).organisation,
        district=world.elsewhere.district,
        cycle=world.cycle,
    )
    scorecard = steps.create(world)
    steps.choose_indicators(world, scorecard, steps.library_choices(2))
    steps.set_votes(
        world, scorecard, {i.pk: [0, 1, 2, 3, 1] for i in scorecard.indicators.all()}
    )
    steps.submit(world, scorecard)
    assert len(told(world.reviewer, "review.waiting")) == 1
    steps.send_back(world, scorecard, comment="Votes of the men are missing")
    (returned,) = told(world.facilitator, "scorecards.returned")
    assert "Votes of the men are missing" in returned.body
    steps.submit(world, scorecard)
    steps.publish(world, scorecard)
    messages_sweep()

    assert len(told(world.facilitator, "scorecards.published")) == 1
    assert len(telegram_api.to("777")) == 1
    assert telegram_api.to("888") == []
    assert told(world.other_reviewer) == [] and told(world.other_councillor) == []
    assert told(other_organisation) == []


def test_notify_overdue_tells_the_facilitator_and_the_commune_once_a_week(
    places, smtp_server, eager
):
    world = places
    meeting = meeting_for(world)
    past = datetime.date.today() - datetime.timedelta(days=40)
    action = action_for(
        world, meeting, starts_on=past, due_on=past + datetime.timedelta(days=10)
    )
    action_for(world, meeting, action="Done already", starts_on=past, due_on=past)
    JaapAction.objects.filter(action="Done already").update(status="completed")
    outsider = cf.user_with_role(
        "fac2", kind=Role.Kind.FACILITATOR, organisation=cf.OrganisationFactory()
    )

    out = StringIO()
    call_command("notify_overdue", stdout=out)
    call_command("notify_overdue", stdout=out)
    messages_sweep()
    assert "2 people told" in out.getvalue() and "0 people told" in out.getvalue()

    for user in (world.facilitator, world.councillor):
        (digest,) = told(user, "scorecards.jaap_overdue")
        assert action.action in digest.body and "Done already" not in digest.body
        assert len(smtp_server.to(user.email)) == 1
    assert told(outsider) == [] and told(world.other_councillor) == []
    assert told(world.reviewer, "scorecards.jaap_overdue") == []


def test_a_finished_print_run_tells_who_launched_it(places, eager):
    from printing.models import PrintBatch, PrintJob
    from printing.services import _finish

    world = places
    secretariat = cf.user_with_role("sec", kind=Role.Kind.SECRETARIAT)
    batch = PrintBatch.objects.create(
        document="i4c.commune_a3",
        scope="district",
        code=world.district.code,
        lang="km",
        total=2,
        requested_by=secretariat,
    )
    jobs = [
        PrintJob.objects.create(
            document="i4c.commune_a3",
            target=str(n),
            lang="km",
            batch=batch,
            requested_by=secretariat,
        )
        for n in (1, 2)
    ]
    _finish(jobs[0], status=PrintJob.Status.DONE)
    assert told(secretariat) == []
    _finish(jobs[1], status=PrintJob.Status.FAILED, error="boom")
    _finish(jobs[1], status=PrintJob.Status.FAILED, error="boom")

    (notice,) = told(secretariat, "printing.batch_finished")
    assert f"/printing/batches/{batch.pk}/" in notice.link
    assert told(world.reviewer) == []
