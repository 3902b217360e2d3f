"""QR codes: the drawing is exactly the code for the address, with its quiet
zone, as vectors sized by CSS, and printed as vectors in the PDF."""

import re
import subprocess

import segno
from weasyprint.formatting_structure import boxes

from isaf.pdf import html_to_document, render_html, render_pdf
from isaf.qr import qr_svg
from isaf.tests.test_pdf import BASE_URL, demo_context

URL = "https://isaf.example/km/communes/110401/2025/"


def modules_drawn(svg: str) -> set[tuple[int, int]]:
    """The dark modules (column, row) that the SVG's stroked path paints.

    segno draws each row as horizontal strokes one module thick, centred on the
    row (y + 0.5), with absolute (M) and relative (m) moves and h segments.
    """
    dark = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    x = y = 0.0
    modules = set()
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", dark):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            for column in range(int(x), int(x + numbers[0])):
                modules.add((column, int(y - 0.5)))
            x += numbers[0]
    return modules


def test_the_svg_draws_exactly_the_code_for_the_address_with_a_quiet_zone():
    svg = qr_svg(URL)
    code = segno.make_qr(URL, error="m", boost_error=True)
    expected = {
        (column + 4, row + 4)
        for row, line in enumerate(code.matrix)
        for column, value in enumerate(line)
        if value
    }
    size = code.symbol_size(border=4)[0]
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert modules_drawn(svg) == expected
    # Nothing is drawn in the four-module quiet zone that scanners need.
    assert all(4 <= x < size - 4 and 4 <= y < size - 4 for x, y in expected)


def test_the_svg_is_sized_by_css_and_has_an_accessible_name():
    svg = qr_svg(URL, label="Commune board online")
    opening = svg[: svg.index(">")]
    assert " width=" not in opening and " height=" not in opening
    assert 'role="img"' in opening
    assert 'aria-label="Commune board online"' in opening
    assert 'shape-rendering="crispEdges"' in opening


def test_the_label_cannot_break_out_of_its_attribute():
    svg = qr_svg(URL, label='"><script>alert(1)</script>')
    assert "<script>" not in svg
    assert "&quot;&gt;&lt;script&gt;" in svg


def test_the_printed_qr_code_is_vector_and_large_enough_to_scan(tmp_path):
    path = tmp_path / "qr.pdf"
    path.write_bytes(
        render_pdf(
            template="print/demo.html",
            context=demo_context(sheet="a3"),
            lang="km",
            base_url=BASE_URL,
        )
    )
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # Only pdfimages' two header lines: the code is paths, not a bitmap that
    # would blur when a poster is printed large.
    assert len(images) == 2, images

    html = render_html(template="print/demo.html", context=demo_context(), lang="km")
    page = html_to_document(html, base_url=BASE_URL).pages[0]._page_box
    # The footer, and so the code, is in the page's bottom margin box.
    svg_widths = [
        box.width
        for box in page.descendants()
        if isinstance(box, boxes.ReplacedBox)
        and type(box.replacement).__name__ == "SVGImage"
    ]
    px_per_mm = 96 / 25.4
    # On an A3 poster the code is at least 2 cm wide, big enough for a phone
    # held at arm's length.
    assert svg_widths and min(svg_widths) >= 20 * px_per_mm
