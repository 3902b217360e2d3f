"""Precomputed stages of every commune in every cycle (see `dashboard.stages`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, Cycle


class CommuneCycleStage(models.Model):
    """The six stages a commune reached in a cycle, and whether all of them.

    A cache of the rules in `i4c.stats` and `scorecards.stats`, kept by
    `dashboard.stages`: never edited by hand, rebuilt whenever in doubt. The
    national dashboard counts these few thousand rows instead of evaluating the
    rules over every package, scorecard and meeting of the country.
    """

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="cycle_stages"
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="commune_stages"
    )
    is_published = models.BooleanField(default=False)
    is_disseminated = models.BooleanField(default=False)
    is_scorecards = models.BooleanField(default=False)
    is_meeting = models.BooleanField(default=False)
    is_agreed = models.BooleanField(default=False)
    is_reviewed = models.BooleanField(default=False)
    is_full = models.BooleanField(default=False)

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


class StageState(models.Model):
    """One row: the change marker of the inputs the stage rows were computed
    from, and the day whose `today` they were computed for.

    Kept in the database rather than the cache, so that emptying the cache
    (or a worker starting with an empty memory cache) does not force a rebuild.
    """

    marker = models.CharField(max_length=64)
    as_of = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.marker} {self.as_of}"
