"""Demo scorecards, an interface meeting and a JAAP for the demo communes.

Runs after `load_demo`, which creates the demo providers (codes "HC" + commune code
+ 2 digits, "PS" + ..., "C" + commune code) and the `ncdd` secretariat user. Krang
Teh health centre gets two published community scorecards (women, men) and its
self-assessment; Krang Teh's interface meeting agrees a JAAP with an overdue, an
ongoing, a completed and a not-yet-started action. Krang Teh's first school gets a
youth scorecard, and a Sangkae health centre a scorecard waiting for review, so that
the review queue has something in it.

Everything goes through the scorecard services as `ncdd`, so the demo is validated,
scope-checked and audited like real data. Idempotent: a provider that already has
demo scorecards in the cycle, and a commune that already has its meeting, are left
alone.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communes.models import CAF, Commune, ServiceProvider, Village
from communes.scopes import current_cycle
from isaf.audio import ffmpeg_path
from scorecards import services
from scorecards.management.demo_audio import demo_recording
from scorecards.management.demo_data import (
    DEMO_PNG,
    HEALTH_CENTRE_INDICATORS,
    HEALTH_CENTRE_OWN,
    HEALTH_CENTRE_VOTES,
    JAAP_PLANS,
    KRANG_TEH,
    MEETING_ATTENDANCE,
    REMARKS,
    SANGKAE,
    SCHOOL_INDICATORS,
    SCHOOL_VOTES,
    WRITTEN_ON_THE_DAY,
)
from scorecards.models import (
    InterfaceMeeting,
    JaapAction,
    LibraryIndicator,
    Scorecard,
    ScorecardIndicator,
)
from scorecards.services import IndicatorChoice


class Command(BaseCommand):
    help = (
        "Create demo scorecards, an interface meeting and a JAAP for the demo "
        "communes. Run after load_demo. Idempotent."
    )

    def handle(self, *args, **options):
        self.user = get_user_model().objects.filter(username="ncdd").first()
        health_centre = ServiceProvider.objects.filter(code=f"HC{KRANG_TEH}01").first()
        cycle = current_cycle()
        if self.user is None or health_centre is None or cycle is None:
            raise CommandError(
                "The demo providers and users are missing: run `manage.py load_demo` "
                "first."
            )
        self.cycle = cycle
        self.today = timezone.localdate()
        self.created = []
        with transaction.atomic():
            self._krang_teh_health_centre(health_centre)
            self._krang_teh_school()
            self._krang_teh_meeting(health_centre)
            self._sangkae_waiting_for_review()
        if self.created:
            for line in self.created:
                self.stdout.write(f"  {line}")
            self.stdout.write(self.style.SUCCESS("Demo scorecards loaded."))
        else:
            self.stdout.write("Demo scorecards already loaded: nothing changed.")

    # Helpers -------------------------------------------------------------------

    def _day(self, days_ago: int) -> datetime.date:
        """A date in the past, but not before the cycle started."""
        return max(self.cycle.starts_on, self.today - datetime.timedelta(days=days_ago))

    def _has_demo(self, provider: ServiceProvider) -> bool:
        return Scorecard.objects.filter(
            provider=provider, cycle=self.cycle, is_demo=True
        ).exists()

    def _library(self, codes: list[str]) -> list[LibraryIndicator]:
        found = LibraryIndicator.objects.in_bulk(codes, field_name="code")
        return [found[code] for code in codes if code in found]

    def _villages(self, commune_code: str) -> list[Village]:
        return list(
            Village.objects.filter(commune_id=commune_code).order_by("code")[:2]
        )

    def _cafs(self, commune_code: str) -> list[CAF]:
        commune = Commune.objects.get(pk=commune_code)
        return list(
            CAF.objects.filter(
                is_demo=True, village__commune__district_id=commune.district_id
            )[:2]
        )

    def _scorecard(
        self,
        provider,
        *,
        kind,
        group,
        days_ago,
        village,
        library,
        votes,
        female,
        male,
        custom=None,
        remarks=(),
        publish=True,
        **extra,
    ) -> Scorecard:
        scorecard = services.scorecard_create(
            user=self.user,
            provider=provider,
            cycle=self.cycle,
            kind=kind,
            group=group,
            held_on=self._day(days_ago),
            village=village,
            facilitators=self._cafs(provider.commune_id),
            attendance_female=female,
            attendance_male=male,
            is_demo=True,
            **extra,
        )
        if kind == Scorecard.Kind.COMMUNITY:
            choices = [IndicatorChoice(library_indicator_id=i.pk) for i in library]
            if custom:
                choices.append(IndicatorChoice(custom_name=custom))
            services.scorecard_indicators_set(
                scorecard=scorecard,
                user=self.user,
                version=scorecard.version,
                choices=choices,
            )
            scorecard.refresh_from_db()
            if custom:
                self._written_on_the_day_clip(scorecard)
        indicators = list(scorecard.indicators.all())
        services.scorecard_votes_set(
            scorecard=scorecard,
            user=self.user,
            version=scorecard.version,
            votes={i.pk: v for i, v in zip(indicators, votes, strict=False)},
        )
        scorecard.refresh_from_db()
        if remarks:
            services.scorecard_remarks_set(
                scorecard=scorecard,
                user=self.user,
                version=scorecard.version,
                remarks=remarks,
            )
            scorecard.refresh_from_db()
        services.scorecard_submit(
            scorecard=scorecard, user=self.user, version=scorecard.version
        )
        scorecard.refresh_from_db()
        if publish:
            services.scorecard_publish(
                scorecard=scorecard, user=self.user, version=scorecard.version
            )
            scorecard.refresh_from_db()
        self.created.append(
            f"scorecard {scorecard.pk}: {provider.code} {group} ({scorecard.status})"
        )
        return scorecard

    def _written_on_the_day_clip(self, scorecard: Scorecard) -> None:
        """The facilitator records the indicator written on the day while the
        scorecard is entered; it goes public when the scorecard is published."""
        if ffmpeg_path() is None:
            return
        for indicator in scorecard.indicators.filter(library_indicator=None):
            services.indicator_clip_record(
                indicator=indicator,
                user=self.user,
                recording=demo_recording(0),
                is_demo=True,
            )

    # The demo ------------------------------------------------------------------

    def _krang_teh_health_centre(self, provider: ServiceProvider) -> None:
        if self._has_demo(provider):
            return
        library = self._library(HEALTH_CENTRE_INDICATORS)
        villages = self._villages(KRANG_TEH) or [None]
        for offset, group in enumerate(("women", "men")):
            votes = HEALTH_CENTRE_VOTES[group][: len(library)]
            # The women's group also raised the night ambulance on the day.
            custom = WRITTEN_ON_THE_DAY if group == "women" else None
            if custom:
                votes = [*votes, [5, 4, 2, 1, 0]]
            self._scorecard(
                provider,
                kind=Scorecard.Kind.COMMUNITY,
                group=group,
                days_ago=100 - offset * 2,
                village=villages[offset % len(villages)],
                library=library,
                votes=votes,
                female=17 if group == "women" else 2,
                male=0 if group == "women" else 15,
                custom=custom,
                remarks=REMARKS if group == "women" else REMARKS[1:2],
                attendance_youth=4,
                attendance_disability=1,
                attendance_minority=6,
                attendance_id_poor=5,
            )
        self._scorecard(
            provider,
            kind=Scorecard.Kind.SELF_ASSESSMENT,
            group=Scorecard.Group.PROVIDER,
            days_ago=95,
            village=None,
            library=library,
            votes=[*HEALTH_CENTRE_OWN[: len(library)], [0, 1, 3, 1, 0]],
            female=3,
            male=2,
        )

    def _krang_teh_school(self) -> None:
        school = ServiceProvider.objects.filter(code=f"PS{KRANG_TEH}01").first()
        if school is None or self._has_demo(school):
            return
        library = self._library(SCHOOL_INDICATORS)
        villages = self._villages(KRANG_TEH) or [None]
        self._scorecard(
            school,
            kind=Scorecard.Kind.COMMUNITY,
            group=Scorecard.Group.YOUTH,
            days_ago=90,
            village=villages[0],
            library=library,
            votes=SCHOOL_VOTES[: len(library)],
            female=8,
            male=7,
            attendance_youth=15,
        )

    def _krang_teh_meeting(self, health_centre: ServiceProvider) -> None:
        commune = Commune.objects.get(pk=KRANG_TEH)
        if InterfaceMeeting.objects.filter(commune=commune, cycle=self.cycle).exists():
            return
        meeting = services.interface_meeting_create(
            user=self.user,
            commune=commune,
            cycle=self.cycle,
            held_on=self._day(80),
            **MEETING_ATTENDANCE,
            is_demo=True,
        )
        indicators = {
            i.library_indicator.code: i
            for i in (
                ScorecardIndicator.objects.filter(
                    scorecard__provider=health_centre,
                    scorecard__cycle=self.cycle,
                    scorecard__group="women",
                    library_indicator__isnull=False,
                ).select_related("library_indicator")
            )
        }
        start = self._day(75)
        plans = JAAP_PLANS
        for code, issue, text, responsible, supporting, resources, due, status in plans:
            indicator = indicators.get(code) if code else None
            action = services.jaap_action_create(
                user=self.user,
                meeting=meeting,
                provider=health_centre,
                indicator=indicator,
                issue=issue if indicator is None else "",
                action=text,
                responsible_party=responsible,
                supporting_party=supporting,
                resources=resources,
                starts_on=start,
                due_on=max(start, self.today + datetime.timedelta(days=due)),
                status=JaapAction.Status.NOT_STARTED,
                is_demo=True,
            )
            if status != JaapAction.Status.NOT_STARTED:
                evidence = None
                if status == JaapAction.Status.COMPLETED:
                    evidence = ContentFile(DEMO_PNG, name="roster.png")
                services.jaap_follow_up_add(
                    action=action,
                    user=self.user,
                    checked_on=self._day(20),
                    status=status,
                    note="ការតាមដានប្រចាំខែ",
                    evidence=evidence,
                )
            self.created.append(f"JAAP action {action.pk}: {status}")
        self.created.append(f"interface meeting {meeting.pk}: {commune.name_latin}")

    def _sangkae_waiting_for_review(self) -> None:
        provider = (
            ServiceProvider.objects.filter(
                kind=ServiceProvider.Kind.HEALTH_CENTRE,
                commune__district_id=SANGKAE,
                is_demo=True,
            )
            .order_by("code")
            .first()
        )
        if provider is None or self._has_demo(provider):
            return
        library = self._library(HEALTH_CENTRE_INDICATORS[:3])
        self._scorecard(
            provider,
            kind=Scorecard.Kind.COMMUNITY,
            group=Scorecard.Group.MIXED,
            days_ago=40,
            village=(self._villages(provider.commune_id) or [None])[0],
            library=library,
            votes=HEALTH_CENTRE_VOTES["men"][: len(library)],
            female=9,
            male=8,
            publish=False,
        )
