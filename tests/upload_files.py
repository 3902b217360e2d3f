"""Files people upload, good and disguised, made here (no fixture files).

Each good one is a real file of its kind (a picture that decodes, a PDF that
opens); each disguised one is what an attacker would send under a harmless
name: a web page, an SVG with a script, a picture followed by a web page.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image


def picture(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    """A small real picture in Pillow's format `fmt` (JPEG, PNG, WEBP, GIF...)."""
    out = BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


def jpeg() -> bytes:
    return picture("JPEG")


def png() -> bytes:
    return picture("PNG")


def webp() -> bytes:
    return picture("WEBP")


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# A PDF that runs JavaScript when opened in a reader that allows it: accepted as
# a PDF (scans can carry forms), always served as a download.
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R"
    b"/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML = (
    b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
# A JPEG's first bytes, then a web page: sniffed as JPEG by its header alone.
JPEG_HEADER_THEN_HTML = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML


def jpeg_then_html() -> bytes:
    """A whole real JPEG with a web page after its end: it decodes."""
    return jpeg() + HTML


def gif() -> bytes:
    return picture("GIF")


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120  # a Windows program
ZIP = b"PK\x03\x04" + b"\x00" * 60

GOOD = {
    "photo.jpg": jpeg,
    "screenshot.png": png,
    "phone.webp": webp,
    "scan.pdf": lambda: PDF,
    "form-with-script.pdf": lambda: PDF_WITH_SCRIPT,
}
DISGUISED = {
    "page-named.jpg": lambda: HTML,
    "drawing.svg": lambda: SVG,
    "svg-named.png": lambda: SVG,
    "header-then-page.jpg": lambda: JPEG_HEADER_THEN_HTML,
    "photo-then-page.jpg": jpeg_then_html,
    "animation.gif": gif,
    "program.pdf": lambda: EXECUTABLE,
    "archive.jpg": lambda: ZIP,
    "empty.png": lambda: b"",
}
