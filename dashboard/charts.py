"""Charts drawn on the server as small SVG: no JavaScript, readable on paper.

Every chart sits beside a table with the same numbers (the table is what screen
readers and exports use), so the SVG is marked as an image with a short name and
its bars carry <title>s for sighted mouse users.
"""

from __future__ import annotations

import math
import unicodedata

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from isaf.formatting import format_number, format_percent

# A fixed frame around Cambodia, so that the maps of different years and areas
# can be laid over each other.
WEST, EAST, NORTH, SOUTH = 102.3, 107.7, 14.75, 10.35


def bar_chart(
    *, label: str, bars: list[tuple[str, float | None, str]], maximum: float = 1.0
) -> SafeString:
    """Horizontal bars, a label above each, the value at the end of the bar.

    `bars` are (label, value, value shown). Values are between 0 and `maximum`.
    """
    width, bar_height, gap = 400, 16, 42
    height = len(bars) * gap + 4
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
            'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
            width,
            height,
            label,
        )
    ]
    for index, (text, value, shown) in enumerate(bars):
        y = index * gap
        fraction = 0.0 if not value or not maximum else min(value / maximum, 1.0)
        bar = round(fraction * (width - 90), 1)
        parts.append(
            format_html(
                '<g><title>{}: {}</title><text x="0" y="{}" class="chart-label">{}'
                '</text><rect x="0" y="{}" width="{}" height="{}" class="chart-track"/>'
                '<rect x="0" y="{}" width="{}" height="{}" class="chart-bar"/>'
                '<text x="{}" y="{}" class="chart-value">{}</text></g>',
                text,
                shown,
                y + 16,
                text,
                y + 22,
                width - 90,
                bar_height,
                y + 22,
                bar,
                bar_height,
                bar + 6,
                y + 35,
                shown,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def share_bars(rows: list[tuple[str, int, int]]) -> list[tuple[str, float | None, str]]:
    """(label, part, whole) rows as bars of the share, shown as «part (share)»."""
    bars = []
    for label, part, whole in rows:
        value = part / whole if whole else None
        shown = format_number(part)
        if value is not None:
            shown = f"{shown} ({format_percent(value)})"
        bars.append((str(label), value, shown))
    return bars


def count_bars(rows: list[tuple[str, int]]) -> tuple[list, int]:
    top = max((value for _label, value in rows), default=0)
    return [(str(label), value, format_number(value)) for label, value in rows], top


SQUEEZE = math.cos(math.radians((NORTH + SOUTH) / 2))
MAP_WIDTH = 600


def map_frame(points: list[dict], *, national: bool) -> tuple[float, ...]:
    """(west, east, north, south) of the map: the whole country for the
    national map, so that years can be compared; else the points' own box with
    a margin, so that a district's communes do not huddle in a corner."""
    if national or not points:
        return WEST, EAST, NORTH, SOUTH
    lats = [p["latitude"] for p in points]
    lons = [p["longitude"] for p in points]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * SQUEEZE, 0.2)
    margin = span * 0.15
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    half_lat = (max(lats) - min(lats)) / 2 + margin
    half_lon = (max(lons) - min(lons)) / 2 + margin / SQUEEZE
    half_lat = max(half_lat, 0.1)
    half_lon = max(half_lon, 0.1 / SQUEEZE)
    return (
        mid_lon - half_lon,
        mid_lon + half_lon,
        mid_lat + half_lat,
        mid_lat - half_lat,
    )


def commune_map(
    *,
    points: list[dict],
    label: str,
    link_for,
    frame: tuple[float, ...] = (WEST, EAST, NORTH, SOUTH),
    places: list[dict] = (),
    outline: tuple = (),
    radius: float = 3.5,
) -> SafeString:
    """A dot per commune, coloured by the furthest stage, each a link.

    Equirectangular, with longitude shrunk by the cosine of the middle latitude
    so that distances look right: good enough at a country's scale. `places`
    (name, latitude, longitude) are drawn as labels for orientation, over
    `outline`, the country's rings of (longitude, latitude) (dashboard.outline).
    Dots use classes (s0..s6) rather than inline colours, and coordinates are
    rounded to a tenth of a unit, which keeps a map of a thousand communes in a
    few tens of kilobytes.
    """
    west, east, north, south = frame
    scale = MAP_WIDTH / ((east - west) * SQUEEZE)
    width = MAP_WIDTH
    height = round((north - south) * scale)

    def project(latitude: float, longitude: float) -> tuple[float, float]:
        x = (longitude - west) * SQUEEZE * scale
        y = (north - latitude) * scale
        return round(x, 1), round(y, 1)

    parts = [
        format_html(
            '<svg class="map{}" viewBox="0 0 {} {}" role="group" aria-label="{}" '
            'aria-describedby="map-coverage map-names" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<rect class="map-frame" x="0" y="0" width="{}" height="{}"/>',
            "" if radius < 5 else " map-local",
            width,
            height,
            label,
            width,
            height,
        )
    ]
    if outline:
        path = " ".join(
            "M"
            + "L".join("{},{}".format(*project(lat, lon)) for lon, lat in ring)
            + "Z"
            for ring in outline
        )
        parts.append(format_html('<path class="map-land" d="{}"/>', path))
    dots = [project(p["latitude"], p["longitude"]) for p in points]
    label_size = 18 if radius < 5 else 20
    for name, x, y in _labels_placed(
        places, project, dots, size=label_size, width=width, height=height
    ):
        parts.append(
            format_html(
                '<text class="map-place" x="{}" y="{}" text-anchor="middle">{}</text>',
                x,
                y,
                name,
            )
        )
    for point in points:
        x, y = project(point["latitude"], point["longitude"])
        parts.append(
            format_html(
                '<a href="{}"><circle class="s{}" cx="{}" cy="{}" r="{}">'
                "<title>{}</title></circle></a>",
                link_for(point),
                point["furthest"],
                x,
                y,
                radius,
                point["title"],
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _label_width(text: str, size: float) -> float:
    """A label's width, estimated: Khmer marks above and below take no room."""
    spacing = [c for c in text if unicodedata.category(c) not in ("Mn", "Cf")]
    return len(spacing) * size * 0.6


def _labels_placed(places, project, dots, *, size, width, height):
    """(name, x, y) of each label that fits: at its place, else just below or
    above it, whichever first clears the labels already placed and the dots; a
    label that clears nothing nearby is left out rather than drawn over another.
    Sized for the largest font the stylesheet gives labels (on phones)."""
    taken: list[tuple[float, float, float, float]] = [
        (x - 4, y - 4, x + 4, y + 4) for x, y in dots
    ]
    placed = []
    for place in places:
        x, y = project(place["latitude"], place["longitude"])
        if not (0 <= x <= width and 0 <= y <= height):
            continue
        half = _label_width(place["name"], size) / 2
        x = min(max(x, half + 2), width - half - 2)
        for dy in (0, size * 1.1, -size * 1.1, size * 2.2, -size * 2.2):
            box = (x - half, y + dy - size * 0.8, x + half, y + dy + size * 0.3)
            if box[1] < 0 or box[3] > height:
                continue
            if not any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                for b in taken
            ):
                taken.append(box)
                placed.append((place["name"], round(x, 1), round(y + dy, 1)))
                break
    return placed


def swatch(stage: int) -> SafeString:
    """A legend key drawn like the dots, so that the legend prints as the map."""
    return format_html(
        '<svg class="swatch" viewBox="0 0 10 10" width="14" height="14" '
        'aria-hidden="true"><circle class="s{}" cx="5" cy="5" r="4"/></svg>',
        stage,
    )
