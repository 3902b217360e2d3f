"""The server-drawn SVG: escaped, linked, and small enough for a slow line."""

from dashboard import charts


def test_bar_labels_are_escaped_and_bars_scale_to_the_share():
    svg = charts.bar_chart(
        label="Stages <test>",
        bars=[("<b>I4C</b>", 0.5, "1 (50%)"), ("None yet", None, "0")],
    )

    assert "<b>" not in svg
    assert "&lt;b&gt;I4C&lt;/b&gt;" in svg
    assert 'aria-label="Stages &lt;test&gt;"' in svg
    # Half of the 310-unit track.
    assert 'width="155.0" height="16" class="chart-bar"' in svg
    assert 'width="0.0" height="16" class="chart-bar"' in svg


def test_a_thousand_communes_make_a_map_of_a_few_tens_of_kilobytes():
    points = [
        {
            "code": f"{110000 + n}",
            "latitude": 10.5 + (n % 40) / 10,
            "longitude": 102.5 + (n // 40) / 5,
            "furthest": n % 7,
            "title": f"Commune {n} ({110000 + n}): I4C published",
        }
        for n in range(1000)
    ]

    svg = charts.commune_map(
        points=points, label="Map", link_for=lambda p: f"/km/communes/{p['code']}/"
    )

    assert svg.count("<circle") == 1000
    assert '<a href="/km/communes/110000/"><circle class="s0"' in svg
    assert len(svg.encode()) < 150_000


def test_a_district_map_is_framed_on_its_communes():
    points = [
        {"latitude": 12.5, "longitude": 107.0},
        {"latitude": 12.7, "longitude": 107.3},
    ]

    west, east, north, south = charts.map_frame(points, national=False)

    assert west < 107.0 < 107.3 < east
    assert south < 12.5 < 12.7 < north
    assert charts.map_frame(points, national=True) == (
        charts.WEST,
        charts.EAST,
        charts.NORTH,
        charts.SOUTH,
    )
