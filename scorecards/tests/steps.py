"""A scorecard's review steps, taken through the services as the users would.

Each step acts at the scorecard's current version and reads the scorecard back,
so that a test can take the next step at once.
"""

import datetime

from django.urls import reverse

from scorecards import services
from scorecards.models import Scorecard


def create(world, user=None, provider=None, **extra):
    """The facilitator records a community scorecard of the women held today, at
    the world's health centre and village, unless `extra` says otherwise."""
    return services.scorecard_create(
        user=user or world.facilitator,
        provider=provider or world.health_centre,
        cycle=world.cycle,
        kind=extra.pop("kind", Scorecard.Kind.COMMUNITY),
        group=extra.pop("group", Scorecard.Group.WOMEN),
        held_on=extra.pop("held_on", datetime.date.today()),
        village=extra.pop("village", world.village),
        # Enough people for every test's votes: an indicator's votes are at most
        # the women and men who took part.
        attendance_female=extra.pop("attendance_female", 10),
        attendance_male=extra.pop("attendance_male", 20),
        **extra,
    )


def self_assessment(world, held_on=None):
    """The facilitator records the health centre's own self-assessment, held
    today unless `held_on` says otherwise."""
    return services.scorecard_create(
        user=world.facilitator,
        provider=world.health_centre,
        cycle=world.cycle,
        kind=Scorecard.Kind.SELF_ASSESSMENT,
        group="",
        held_on=held_on or datetime.date.today(),
    )


def at_current_version(scorecard, service, **arguments):
    """Call a scorecard service at the scorecard's current version, as a form
    opened just now would, and read the scorecard back; returns what it returns."""
    scorecard.refresh_from_db()
    result = service(scorecard=scorecard, version=scorecard.version, **arguments)
    scorecard.refresh_from_db()
    return result


def save_setup(world, scorecard, *, version, **fields):
    """The facilitator saves the scorecard's setup from a form opened at `version`
    (which may be stale)."""
    return services.scorecard_update(
        scorecard=scorecard, user=world.facilitator, version=version, **fields
    )


def submit(world, scorecard):
    """The facilitator submits the scorecard for review."""
    at_current_version(scorecard, services.scorecard_submit, user=world.facilitator)


def publish(world, scorecard, **extra):
    """The reviewer publishes the scorecard; returns the published version."""
    return at_current_version(
        scorecard, services.scorecard_publish, user=world.reviewer, **extra
    )


def send_back(world, scorecard, comment="The men's votes are missing"):
    """The reviewer returns the scorecard with a comment."""
    at_current_version(
        scorecard, services.scorecard_return, user=world.reviewer, comment=comment
    )


def open_correction(world, scorecard, reason, *, user=None):
    """The facilitator (or `user`) reopens a published scorecard for a correction."""
    at_current_version(
        scorecard,
        services.scorecard_correction_open,
        user=user or world.facilitator,
        reason=reason,
    )


def set_votes(world, scorecard, votes):
    """The facilitator records `votes`, a tuple of five counts per indicator id."""
    at_current_version(
        scorecard, services.scorecard_votes_set, user=world.facilitator, votes=votes
    )


def choose_indicators(world, scorecard, choices):
    """The facilitator sets the scorecard's indicators to `choices`."""
    at_current_version(
        scorecard,
        services.scorecard_indicators_set,
        user=world.facilitator,
        choices=choices,
    )


def changes_section(client, world, scorecard, lang):
    """The reviewer's "what changed" section of the overview, in `lang`."""
    client.force_login(world.reviewer)
    url = reverse("scorecards:overview", args=[scorecard.pk])
    html = client.get(f"/{lang}{url[3:]}").content.decode()
    assert 'id="ov-changes"' in html
    start = html.index('id="ov-changes"')
    return html[start : html.index("</section>", start)]


def library_choices(count, provider_kind="health_centre"):
    """The first `count` library indicators for `provider_kind`, as choices."""
    from scorecards.models import LibraryIndicator
    from scorecards.services import IndicatorChoice

    library = LibraryIndicator.objects.filter(provider_kind=provider_kind)[:count]
    return [IndicatorChoice(library_indicator_id=i.pk) for i in library]


def follow_up(world, action, **fields):
    """The facilitator records today's follow-up of `action`, "ongoing" unless
    `fields` say otherwise (note, evidence, ...)."""
    fields.setdefault("checked_on", datetime.date.today())
    fields.setdefault("status", "ongoing")
    return services.jaap_follow_up_add(action=action, user=world.facilitator, **fields)
