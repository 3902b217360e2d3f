"""The PDF building block: Khmer word breaks, the static-only fetcher, page sizes,
the bundled font, and Khmer paragraphs that wrap inside the page.

PDFs are checked with poppler's tools (pdfinfo, pdffonts) and WeasyPrint's own
layout boxes, never by text extracted from the PDF: pdftotext scrambles Khmer
clusters.
"""

import datetime
import io
import os
import re
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError

from isaf.khmer_segment import ZWSP, insert_word_breaks, insert_word_breaks_html
from isaf.pdf import (
    RefusedURL,
    StaticFileFetcher,
    _font_as_sfnt,
    html_to_document,
    html_to_pdf,
    render_html,
    render_pdf,
)
from isaf.qr import qr_svg

SEED = Path("/work/shared/seeds/000_82c109ece002c35a.txt")
MM = 72 / 25.4  # PDF points per millimetre
BASE_URL = "http://testserver/"


def seed_paragraphs() -> list[str]:
    """The three paragraphs of the programme's page: long, real Khmer prose."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is not on this machine")
    return SEED.read_text(encoding="utf-8").split("\n\n")[:3]


def demo_context(**overrides) -> dict:
    url = "https://isaf.example/km/communes/110401/2025/"
    context = {
        "sheet": "a3",
        "heading": "ឃុំក្រង់តេះ ស្រុកពេជ្រាដា ខេត្តមណ្ឌលគិរី",
        "paragraphs": ["គណនេយ្យភាពសង្គម Social accountability"],
        "rows": [
            ("មូលនិធិឃុំ សង្កាត់", 123_456_789, 120_000_000),
            ("Own-source taxes and fees", 5_000_000, 4_750_000),
        ],
        "total_planned": 128_456_789,
        "total_actual": 124_750_000,
        "sheet_version": 2,
        "sheet_date": datetime.date(2026, 3, 14),
        "sheet_url": url,
        "sheet_qr": qr_svg(url),
    }
    context.update(overrides)
    return context


def write_pdf(tmp_path: Path, name: str, **context) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(
        render_pdf(
            template="print/demo.html",
            context=demo_context(**context),
            lang=context.get("lang", "km"),
            base_url=BASE_URL,
        )
    )
    return path


def page_size_mm(path: Path) -> tuple[float, float]:
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out).groups()
    return float(width) / MM, float(height) / MM


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Font name (without the subset tag) -> embedded, as pdffonts lists them."""
    out = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    fonts = {}
    for line in out.splitlines()[2:]:
        columns = line.split()
        # name, type words..., encoding, emb, sub, uni, object, id
        fonts[columns[0].split("+", 1)[-1]] = columns[-5] == "yes"
    return fonts


def embedded_font_programs(pdf: bytes) -> list[TTFont]:
    """The TrueType programs embedded in a PDF (its /FontFile2 streams).

    WeasyPrint subsets each font to the glyphs the pages draw and keeps their
    cmap entries, so a program's cmap tells which characters were drawn with it.
    """
    programs = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", pdf, re.DOTALL):
        dictionary = match.group(1)
        if b"/Length1" not in dictionary:  # only font programs carry Length1
            continue
        length = int(re.search(rb"/Length (\d+)", dictionary).group(1))
        data = pdf[match.end() : match.end() + length]
        if b"/FlateDecode" in dictionary:
            data = zlib.decompress(data)
        programs.append(TTFont(io.BytesIO(data)))
    return programs


def draws_dotted_circle(pdf: bytes) -> bool:
    """True if any glyph drawn is U+25CC, which HarfBuzz puts under a Khmer mark
    that has lost its base: the sign of a broken cluster."""
    return any(0x25CC in font.getBestCmap() for font in embedded_font_programs(pdf))


def assert_the_bundled_font_is_embedded_with_no_dotted_circle(path: Path, pdf: bytes):
    """The checks every printed PDF passes: only the bundled print font, embedded,
    its Khmer subset among them, and no broken cluster drawn."""
    fonts = embedded_fonts(path)
    assert fonts, "pdffonts lists no font"
    assert all(name.startswith("Noto-Sans-Khmer-Print") for name in fonts), fonts
    assert "Noto-Sans-Khmer-Print" in fonts  # the Khmer subset, not only Latin
    assert all(fonts.values()), fonts
    assert not draws_dotted_circle(pdf)


# Khmer word breaks ---------------------------------------------------------


def test_it_puts_zero_width_spaces_between_khmer_words():
    text = "គណនេយ្យភាពសង្គមតម្រូវឲ្យមានការរៀបចំ"
    broken = insert_word_breaks(text)
    assert broken.replace(ZWSP, "") == text
    words = broken.split(ZWSP)
    assert "គណនេយ្យភាព" in words
    assert "សង្គម" in words
    assert len(words) >= 4


def test_it_never_splits_a_cluster_or_breaks_before_a_khan_or_inside_numbers():
    text = "ក្រុមប្រឹក្សាឃុំបានអនុម័តថវិកា។ ១២៣.៤៥៦៛ Latin words stay."
    broken = insert_word_breaks(text)
    assert broken.replace(ZWSP, "") == text
    for position, char in enumerate(broken):
        if char != ZWSP:
            continue
        following = broken[position + 1]
        # A break is only ever offered before a consonant or independent vowel:
        # never before a subscript, a dependent vowel, a sign or a khan.
        assert "\u1780" <= following <= "\u17b3", (position, following)
    assert "១២៣.៤៥៦៛ Latin words stay." in broken


def test_it_leaves_text_without_khmer_alone():
    assert insert_word_breaks("Commune budget 2025: 1,234 riel") == (
        "Commune budget 2025: 1,234 riel"
    )


def test_it_touches_only_text_nodes_of_html():
    khmer = "គណនេយ្យភាពសង្គម"
    html = (
        f"<html><head><title>{khmer}</title>"
        f'<style>p > b::after {{ content: "{khmer}" }}</style>'
        f"<script>var s = '{khmer}';</script></head>"
        f"<body><p title=\"{khmer}\" data-x='a > {khmer}'>{khmer}"
        f'<a href="/km/{khmer}/">{khmer}</a><!-- {khmer} --></p></body></html>'
    )
    out = insert_word_breaks_html(html)
    broken = insert_word_breaks(khmer)
    assert broken != khmer
    assert f"<title>{khmer}</title>" in out
    assert f'content: "{khmer}"' in out
    assert f"var s = '{khmer}';" in out
    assert f'title="{khmer}"' in out
    assert f"data-x='a > {khmer}'" in out
    assert f'href="/km/{khmer}/"' in out
    assert f"<!-- {khmer} -->" in out
    assert f"'>{broken}<a " in out
    assert f'/">{broken}</a>' in out
    assert out.replace(ZWSP, "") == html


# The static-only URL fetcher ---------------------------------------------------


def test_the_fetcher_reads_static_files_from_disk():
    fetcher = StaticFileFetcher(BASE_URL)
    response = fetcher.fetch(f"{BASE_URL}static/print/print.css")
    assert b"@font-face" in response.read()


def test_the_fetcher_hands_weasyprint_the_bundled_font_decoded_once():
    fetcher = StaticFileFetcher(BASE_URL)
    url = f"{BASE_URL}static/fonts/noto-sans-khmer-khmer-400-normal.woff2"
    first, second = fetcher.fetch(url).read(), fetcher.fetch(url).read()
    assert first[:4] == b"\x00\x01\x00\x00"  # TrueType, no longer WOFF2
    font = TTFont(io.BytesIO(first))
    assert font["name"].getBestFamilyName() == "Noto Sans Khmer"
    assert ord("ក") in font.getBestCmap()
    assert first == second
    assert _font_as_sfnt.cache_info().hits >= 1


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        f"{BASE_URL}media/uploads/anything.pdf",
    ],
)
def test_the_fetcher_refuses_everything_that_is_not_a_static_file(url):
    with pytest.raises(RefusedURL):
        StaticFileFetcher(BASE_URL).fetch(url)


@pytest.mark.parametrize(
    "name",
    ["../isaf/settings.py", "%2e%2e/isaf/settings.py", "/etc/passwd", "%2Fetc/passwd"],
)
def test_the_fetcher_does_not_climb_out_of_the_static_directories(name, settings):
    # Even with a STATIC_ROOT, which production has and tests usually do not.
    settings.STATIC_ROOT = str(settings.BASE_DIR / "static")
    with pytest.raises(FatalURLFetchingError):
        StaticFileFetcher(BASE_URL).fetch(f"{BASE_URL}static/{name}")


def test_a_missing_static_file_stops_the_render():
    html = '<html><head><link rel="stylesheet" href="/static/print/nope.css"></head>'
    with pytest.raises(FatalURLFetchingError):
        html_to_document(html + "<body>x</body></html>", base_url=BASE_URL)


def test_the_html_is_rendered_in_the_requested_language():
    km = render_html(template="print/demo.html", context=demo_context(), lang="km")
    en = render_html(template="print/demo.html", context=demo_context(), lang="en")
    assert '<html lang="km"' in km
    assert '<html lang="en"' in en
    # Amounts follow the page's language: Khmer digits on Khmer sheets.
    assert "១២៨" in km.replace(ZWSP, "")
    assert "128,456,789" in en
    assert "128" not in km


# Page sizes and fonts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "expected"),
    [("a3", (297, 420)), ("a2", (420, 594)), ("a5", (148, 210))],
)
def test_each_sheet_has_its_paper_size(tmp_path, sheet, expected):
    width, height = page_size_mm(write_pdf(tmp_path, sheet, sheet=sheet))
    assert width == pytest.approx(expected[0], abs=0.5)
    assert height == pytest.approx(expected[1], abs=0.5)


def test_the_bundled_font_is_embedded_and_no_other(tmp_path):
    fonts = embedded_fonts(write_pdf(tmp_path, "fonts", lang="km"))
    # Khmer and Latin, regular and bold, as four separate embedded fonts: if
    # the two subsets were merged into one PDF font, Khmer digits would be drawn
    # with Latin outlines (see static/print/print.css).
    assert set(fonts) == {
        "Noto-Sans-Khmer-Print",
        "Noto-Sans-Khmer-Print-Bold",
        "Noto-Sans-Khmer-Print-Latin",
        "Noto-Sans-Khmer-Print-Latin-Bold",
    }
    assert all(fonts.values()), fonts


def test_it_renders_with_no_system_fonts_at_all(tmp_path):
    """A fontconfig with no font directories: only the bundled files exist."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    out = tmp_path / "isolated.pdf"
    script = textwrap.dedent(
        f"""
        import django
        django.setup()
        from isaf.pdf import render_pdf
        from isaf.tests.test_pdf import demo_context
        pdf = render_pdf(template="print/demo.html", context=demo_context(),
                         lang="km", base_url={BASE_URL!r})
        open({str(out)!r}, "wb").write(pdf)
        """
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "DJANGO_SETTINGS_MODULE": "isaf.test_settings",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fonts = embedded_fonts(out)
    assert "Noto-Sans-Khmer-Print" in fonts
    assert "Noto-Sans-Khmer-Print-Latin" in fonts
    assert all(name.startswith("Noto-Sans-Khmer-Print") for name in fonts), fonts


def test_khmer_clusters_are_shaped_whole_with_no_dotted_circle():
    context = demo_context(paragraphs=seed_paragraphs())
    pdf = render_pdf(
        template="print/demo.html", context=context, lang="km", base_url=BASE_URL
    )
    assert len(embedded_font_programs(pdf)) == 4
    assert not draws_dotted_circle(pdf)


def test_a_broken_cluster_would_be_caught():
    """The control for the test above: a vowel sign with no consonant is drawn
    on a dotted circle, and the check sees it."""
    html = (
        '<html lang="km"><head><link rel="stylesheet" href="/static/print/print.css">'
        "</head><body><p>\u17b6\u17c1ក</p></body></html>"
    )
    assert draws_dotted_circle(html_to_pdf(html, base_url=BASE_URL))


# Khmer lines wrap inside the page ----------------------------------------------


def widest_text_edge(document) -> tuple[float, float]:
    """(rightmost edge of any text on page 1, right edge of its content area)."""
    page = document.pages[0]._page_box
    content_right = page.content_box_x() + page.width
    edge = 0.0
    for child in page.children:
        # Margin boxes hold the footer; only the page's own flow is measured.
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, boxes.TextBox):
                edge = max(edge, box.position_x + box.width)
    return edge, content_right


def test_a_long_khmer_paragraph_wraps_inside_the_page():
    context = demo_context(sheet="a5", rows=[], paragraphs=seed_paragraphs())
    html = render_html(template="print/demo.html", context=context, lang="km")
    edge, content_right = widest_text_edge(html_to_document(html, base_url=BASE_URL))
    assert edge <= content_right + 0.5


def test_without_word_breaks_the_same_paragraph_runs_off_the_line():
    """The control: WeasyPrint alone does not break Khmer, so the insertion matters."""
    context = demo_context(sheet="a5", rows=[], paragraphs=seed_paragraphs())
    html = render_html(
        template="print/demo.html", context=context, lang="km", word_breaks=False
    )
    assert ZWSP not in html
    edge, content_right = widest_text_edge(html_to_document(html, base_url=BASE_URL))
    assert edge > content_right + 5
