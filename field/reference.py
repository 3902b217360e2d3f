"""The facilitator's reference data, downloaded once while online and kept by
the service worker: their providers, the indicator library for those kinds of
provider, the villages those providers serve and their organisation's CAFs.

Everything is named in the page's language, so the phone needs no catalogue of
its own; ids are those the sync endpoint expects back.

Audio clips: when a library indicator has a recorded clip, its entry may carry an
`audio_url` (and a `scale` list may name the scale labels' clips the same way).
The page then shows an <audio> player beside the indicator, and the service
worker keeps the clip for offline use (templates/field/sw.js, `keepClips`).
"""

from __future__ import annotations

from django.utils.translation import get_language

from communes import scopes
from communes import selectors as communes_selectors
from scorecards import selectors as scorecard_selectors

# Bumped when the shape below changes, so that an old phone's copy is replaced.
FORMAT = 1


def reference_data(*, user) -> dict:
    cycle = scopes.current_cycle()
    if cycle is None:
        return {
            "format": FORMAT,
            "cycle": None,
            "providers": [],
            "library": {},
            "villages": [],
            "cafs": [],
        }
    providers = scopes.providers_for(user, cycle=cycle).order_by("kind", "code")
    served = communes_selectors.provider_communes(providers=providers)
    villages = scorecard_selectors.villages_for_entry(user=user, cycle=cycle)
    kinds = sorted({p.kind for p in providers})
    return {
        "format": FORMAT,
        "language": get_language(),
        "cycle": {"id": cycle.pk, "year": cycle.year},
        "providers": [
            {
                "id": p.pk,
                "code": p.code,
                "name": p.name,
                "kind": p.kind,
                "kind_label": str(p.get_kind_display()),
                "communes": sorted(served.get(p.pk, ())),
            }
            for p in providers
        ],
        "library": {
            kind: [
                {"id": i.pk, "code": i.code, "name": i.name}
                for i in scorecard_selectors.library_for(provider_kind=kind)
            ]
            for kind in kinds
        },
        "villages": [
            {"code": v.code, "name": v.official_name, "commune": v.commune_id}
            for v in villages
        ],
        "cafs": [
            {"id": c.pk, "name": c.name}
            for c in scorecard_selectors.cafs_for_entry(user=user).order_by("name")
        ],
    }
