"""Synthetic scorecards at national scale, for benchmarks (`seed_scorecards`).

Benchmarks need tens of thousands of published scorecards in minutes, so this
module writes them with bulk inserts instead of the services: the rows are
synthetic, made by no user, and go through no scope check or audit. Never use it
for real data. The snapshots are built by the same function that publishing
uses, so the public pages read them exactly as they read real ones.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from communes.models import Cycle, ServiceProvider

from .models import LibraryIndicator, Scorecard, ScorecardIndicator, ScorecardVersion
from .services import snapshot_build

GROUPS = ("women", "men")
INDICATORS_PER_SCORECARD = 6
BATCH = 500


def _votes(rng: random.Random, bias: int) -> list[int]:
    """Counts for scores 1..5 leaning towards `bias`, as real groups do."""
    return [max(0, rng.randint(0, 6) - 2 * abs(score - bias)) for score in range(1, 6)]


@transaction.atomic
def scorecards_seed(*, cycle: Cycle, providers, seed: int = 0) -> int:
    """Publish two group scorecards and a self-assessment for each provider that
    has none in the cycle; returns how many scorecards were written."""
    rng = random.Random(seed)
    library: dict[str, list[LibraryIndicator]] = {}
    for item in LibraryIndicator.objects.filter(is_active=True):
        library.setdefault(item.provider_kind, []).append(item)
    done = set(
        Scorecard.objects.filter(cycle=cycle).values_list("provider_id", flat=True)
    )
    written = 0
    batch: list[ServiceProvider] = []
    for provider in providers.only("pk", "kind").iterator(chunk_size=BATCH):
        if provider.pk in done or not library.get(provider.kind):
            continue
        batch.append(provider)
        if len(batch) == BATCH:
            written += _seed_batch(batch, cycle, library, rng)
            batch = []
    if batch:
        written += _seed_batch(batch, cycle, library, rng)
    return written


def _seed_batch(providers, cycle, library, rng) -> int:
    held_on = max(cycle.starts_on, min(cycle.ends_on, timezone.localdate()))
    scorecards = []
    chosen = {}
    for provider in providers:
        items = library[provider.kind][:INDICATORS_PER_SCORECARD]
        chosen[provider.pk] = items
        for group in (*GROUPS, "provider"):
            scorecards.append(
                Scorecard(
                    provider=provider,
                    cycle=cycle,
                    kind="self_assessment" if group == "provider" else "community",
                    group=group,
                    held_on=held_on,
                    attendance_female=rng.randint(0, 20),
                    attendance_male=rng.randint(0, 20),
                    status=Scorecard.Status.PUBLISHED,
                )
            )
    Scorecard.objects.bulk_create(scorecards)
    indicators = []
    by_scorecard = {}
    for scorecard in scorecards:
        bias = rng.randint(2, 4) if scorecard.group != "provider" else 4
        rows = [
            ScorecardIndicator(
                scorecard=scorecard,
                library_indicator=item,
                position=position,
                **{
                    f"votes_{score}": count
                    for score, count in enumerate(_votes(rng, bias), start=1)
                },
            )
            for position, item in enumerate(chosen[scorecard.provider_id], start=1)
        ]
        by_scorecard[scorecard.pk] = rows
        indicators.extend(rows)
    ScorecardIndicator.objects.bulk_create(indicators)
    now = timezone.now()
    ScorecardVersion.objects.bulk_create(
        ScorecardVersion(
            scorecard=scorecard,
            number=1,
            snapshot=snapshot_build(
                scorecard,
                indicators=by_scorecard[scorecard.pk],
                remarks=[],
                facilitators=[],
            ),
            published_at=now,
        )
        for scorecard in scorecards
    )
    return len(scorecards)
