"""QR codes for posters and booklets, as inline SVG drawn by segno.

Vector output stays crisp at any print size: WeasyPrint keeps the SVG as PDF
paths, so a QR code 3 cm wide on an A2 poster is as sharp as one on an A5 page.
"""

from html import escape

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str = "") -> SafeString:
    """An inline <svg> QR code for ``url``, sized by CSS (it has only a viewBox).

    Error correction level M survives a crease or a smudge on a paper poster;
    segno raises it further when the data leaves room. The quiet zone of four
    modules that scanners need is part of the drawing, on a white background, so
    the code scans on a coloured panel too. ``label`` is the accessible name
    (the address itself by default). The markup is ours and the label escaped,
    so it is marked safe for templates: ``{{ sheet_qr }}``.
    """
    code = segno.make_qr(url, error="m", boost_error=True)
    svg = code.svg_inline(
        border=4,
        dark="#000000",
        light="#ffffff",
        omitsize=True,
        svgclass="qr",
        lineclass=None,
    )
    # Whole modules, never anti-aliased: printers and phone cameras both read
    # hard edges best, and the paths are drawn on the module grid already.
    name = escape(label or url, quote=True)
    return mark_safe(
        svg.replace(
            "<svg ",
            f'<svg role="img" aria-label="{name}" shape-rendering="crispEdges" ',
            1,
        )
    )
