"""Precomputed stages of every commune in every cycle (see `dashboard.stages`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStage(models.Model):
    """A stage row: the stages a place reached in a cycle, and when it was
    refreshed. The first three are reached or not; the last wait for the
    interface meeting's date, so they are kept as the first day they count
    (None: not reached)."""

    is_published = models.BooleanField(default=False)
    is_disseminated = models.BooleanField(default=False)
    is_scorecards = models.BooleanField(default=False)
    meeting_since = models.DateField(null=True)
    agreed_since = models.DateField(null=True)
    reviewed_since = models.DateField(null=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        abstract = True


class CommuneCycleStage(CycleStage):
    """The six stages a commune reached in a cycle, and since when the full cycle.

    A cache of the rules in `i4c.stats` and `scorecards.stats`, kept by
    `dashboard.stages`: never edited by hand, refreshed when the services say
    what changed and rebuilt after bulk writes. The national dashboard counts
    these few thousand rows instead of evaluating the rules over every package,
    scorecard and meeting of the country.

    The last three stages wait for the interface meeting's date, so they are
    kept as the first day they count (None: not reached); a reader compares
    them with its own day, and the rows need no rebuild when a day passes.
    """

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="cycle_stages"
    )
    cycle = models.ForeignKey(
        "communes.Cycle", on_delete=models.CASCADE, related_name="commune_stages"
    )
    full_since = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "cycle"], name="dashboard_stage_commune_cycle"
            )
        ]
        indexes = [models.Index(fields=["cycle", "commune"])]
        verbose_name = _("commune stages in a cycle")

    def __str__(self):
        return f"{self.commune_id} {self.cycle_id}"


class ProviderCycleStage(CycleStage):
    """The six stages a health centre, school or commune administration reached
    in a cycle: its own package published and disseminated, its own community
    scorecards, its commune's interface meeting, JAAP actions addressed to it
    and their follow-ups. A cache like `CommuneCycleStage`, kept by the same
    refreshes, with the same first days for the stages that wait for the
    meeting's date."""

    provider = models.ForeignKey(
        "communes.ServiceProvider",
        on_delete=models.CASCADE,
        related_name="cycle_stages",
    )
    cycle = models.ForeignKey(
        "communes.Cycle", on_delete=models.CASCADE, related_name="provider_stages"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "cycle"], name="dashboard_stage_provider_cycle"
            )
        ]
        indexes = [models.Index(fields=["cycle", "provider"])]
        verbose_name = _("provider stages in a cycle")

    def __str__(self):
        return f"{self.provider_id} {self.cycle_id}"
