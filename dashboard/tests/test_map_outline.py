"""The target-district map on an outline of Cambodia (Natural Earth), with
province labels that do not overlap, readable on a phone and on paper."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dashboard import charts, outline

# Cambodia lies within these bounds (degrees).
WEST, EAST, SOUTH, NORTH = 102.3, 107.7, 9.9, 14.8


def test_the_committed_outline_is_cambodia_and_small():
    rings = outline.country_outline()
    assert rings, "fixtures/cambodia_outline.json is missing"
    points = [point for ring in rings for point in ring]
    assert all(WEST <= lon <= EAST and SOUTH <= lat <= NORTH for lon, lat in points)
    # The mainland spans the country: from the Thai border to the Vietnamese.
    assert min(lon for lon, _lat in points) < 102.5
    assert max(lon for lon, _lat in points) > 107.5
    assert outline.OUTLINE_PATH.stat().st_size < 10_000
    document = json.loads(outline.OUTLINE_PATH.read_text(encoding="utf-8"))
    assert "Natural Earth" in document["source"]


def test_the_rebuild_reproduces_the_committed_outline(tmp_path):
    source = outline.WORLD_ATLAS / "countries-50m.json"
    if not source.is_file():
        pytest.skip(f"{source} is missing: run `npm install` to fetch world-atlas.")
    output = tmp_path / "outline.json"
    call_command("build_country_outline", "--output", str(output), stdout=StringIO())
    assert output.read_bytes() == outline.OUTLINE_PATH.read_bytes()


def test_the_rebuild_says_how_to_fetch_world_atlas(tmp_path):
    with pytest.raises(CommandError, match="npm install"):
        call_command("build_country_outline", str(tmp_path / "none.json"))


def test_the_simplification_keeps_the_shape_and_drops_points_on_a_line():
    line = [(0.0, 0.0), (0.5, 0.001), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    assert outline._simplified(line, 0.01) == [
        (0.0, 0.0),
        (1.0, 0.0),
        (1.0, 1.0),
        (0.0, 0.0),
    ]


# Province centres (as the place table gives them), a crowded south included.
PROVINCES = [
    ("ភ្នំពេញ", 11.573, 104.858),
    ("កណ្តាល", 11.2, 105.0),
    ("កំពង់ស្ពឺ", 11.6, 104.3),
    ("តាកែវ", 10.99, 104.8),
    ("ព្រៃវែង", 11.48, 105.33),
    ("ស្វាយរៀង", 11.1, 105.8),
    ("កែប", 10.48, 104.32),
    ("កំពត", 10.61, 104.18),
    ("មណ្ឌលគិរី", 12.72, 107.2),
]


def _national_map():
    points = [
        {
            "code": "110401",
            "latitude": 12.72,
            "longitude": 107.43,
            "furthest": 6,
            "title": "ឃុំក្រង់តេះ",
        }
    ]
    places = [{"name": n, "latitude": a, "longitude": o} for n, a, o in PROVINCES]
    return charts.commune_map(
        points=points,
        label="Map",
        link_for=lambda p: f"/km/communes/{p['code']}/",
        places=places,
        outline=outline.country_outline(),
    )


def test_the_map_draws_the_country_under_the_dots_and_labels():
    svg = _national_map()
    assert svg.index('class="map-land"') < svg.index("<text") < svg.index("<circle")
    assert 'aria-describedby="map-coverage map-names"' in svg


def test_labels_do_not_overlap_each_other_or_the_dots():
    places = [{"name": n, "latitude": a, "longitude": o} for n, a, o in PROVINCES]
    west, east, north, south = charts.WEST, charts.EAST, charts.NORTH, charts.SOUTH
    scale = charts.MAP_WIDTH / ((east - west) * charts.SQUEEZE)

    def project(lat, lon):
        return (lon - west) * charts.SQUEEZE * scale, (north - lat) * scale

    dot = project(12.72, 107.43)
    placed = charts._labels_placed(
        places,
        project,
        [dot],
        size=18,
        width=600,
        height=round((north - south) * scale),
    )
    assert len(placed) == len(PROVINCES)
    boxes = [
        (
            x - charts._label_width(n, 18) / 2,
            y - 14.4,
            x + charts._label_width(n, 18) / 2,
            y + 5.4,
        )
        for n, x, y in placed
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
        assert not (a[0] < dot[0] < a[2] and a[1] < dot[1] < a[3])
