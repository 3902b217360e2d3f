"""The outline of Cambodia that the map is drawn on.

Derived once from Natural Earth's 1:50m countries (public domain), as the npm
package `world-atlas` ships them in TopoJSON, by `manage.py
build_country_outline`; the derived rings are committed as
fixtures/cambodia_outline.json, so that neither install nor run needs Node.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from django.conf import settings

OUTLINE_PATH = Path(settings.BASE_DIR) / "fixtures" / "cambodia_outline.json"
WORLD_ATLAS = Path(settings.BASE_DIR) / "node_modules" / "world-atlas"
COUNTRY = "Cambodia"
# About 1 km: finer than a pixel of the country on a 600-unit wide map.
TOLERANCE = 0.01
DECIMALS = 3

Ring = list[tuple[float, float]]


def _arcs(topology: dict) -> list[Ring]:
    """TopoJSON arcs, delta- and quantisation-decoded to (longitude, latitude)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _simplified(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (a ring has thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, far = -1.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length:
                distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(x0 - x1, y0 - y1)
            if distance > worst:
                worst, far = distance, i
        if far is not None and worst > tolerance:
            keep[far] = True
            stack.extend([(first, far), (far, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def outline_from_topology(topology: dict, *, country: str = COUNTRY) -> list[Ring]:
    """The outer rings of ``country``'s polygons, simplified and rounded; tiny
    islands that simplify to a sliver are dropped."""
    arcs = _arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    found = next(
        g for g in geometries if g.get("properties", {}).get("name") == country
    )
    polygons = found["arcs"] if found["type"] == "MultiPolygon" else [found["arcs"]]
    rings = []
    for polygon in polygons:
        ring = _simplified(_ring(polygon[0], arcs), TOLERANCE)
        ring = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]
        if len(ring) >= 4:
            rings.append(ring)
    return rings


def outline_text(rings: list[Ring], *, version: str) -> str:
    document = {
        "source": "Natural Earth 1:50m Admin 0 countries (public domain), "
        f"from the npm package world-atlas {version} (countries-50m.json)",
        "country": COUNTRY,
        "tolerance_degrees": TOLERANCE,
        "rings": [[[x, y] for x, y in ring] for ring in rings],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


@lru_cache(maxsize=1)
def country_outline() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The committed outline's rings of (longitude, latitude); none when the file
    is missing (the map then has dots and labels only)."""
    if not OUTLINE_PATH.is_file():
        return ()
    rings = json.loads(OUTLINE_PATH.read_text(encoding="utf-8"))["rings"]
    return tuple(tuple((x, y) for x, y in ring) for ring in rings)
