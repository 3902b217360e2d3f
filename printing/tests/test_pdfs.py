"""The printed documents themselves: sizes, fonts, large totals, QR code, version
and date, and Khmer that wraps. Checked with poppler's tools and WeasyPrint's
layout boxes, never by text extracted from a PDF (that scrambles Khmer)."""

from pathlib import Path

import pytest
from django.utils import translation
from weasyprint.formatting_structure import boxes

from i4c.models import Project
from i4c.posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, PROVIDER_POSTER
from isaf.khmer_segment import ZWSP
from isaf.pdf import html_to_document, html_to_pdf, render_html
from isaf.qr import qr_svg
from isaf.tests.test_pdf import (
    assert_the_bundled_font_is_embedded_with_no_dotted_circle,
    draws_dotted_circle,
    widest_text_edge,
)
from printing.registry import document_get

from .helpers import (
    pdf_info,
    published_commune_package,
    published_health_centre_package,
)

pytestmark = pytest.mark.django_db

PX_PER_MM = 96 / 25.4


def source_html(key: str, target, lang: str, **kwargs) -> str:
    source = document_get(key).source(str(target), lang)
    return render_html(
        template=source.template, context=source.context, lang=lang, **kwargs
    )


def write(tmp_path: Path, key: str, target, lang: str) -> tuple[Path, bytes]:
    pdf = html_to_pdf(source_html(key, target, lang))
    path = tmp_path / f"{key}-{lang}.pdf"
    path.write_bytes(pdf)
    return path, pdf


@pytest.fixture
def commune_package():
    return published_commune_package()


@pytest.mark.parametrize(
    "key,size",
    [(COMMUNE_A3, (297, 420)), (COMMUNE_A2, (420, 594))],
)
@pytest.mark.parametrize("lang", ["km", "en"])
def test_a_commune_poster_is_one_portrait_sheet_of_its_size(
    tmp_path, commune_package, key, size, lang
):
    path, _pdf = write(tmp_path, key, commune_package.pk, lang)
    info = pdf_info(path)
    assert info["width_mm"] == pytest.approx(size[0], abs=0.5)
    assert info["height_mm"] == pytest.approx(size[1], abs=0.5)
    assert info["pages"] == 1


def test_a_health_centre_has_its_own_a3_poster(tmp_path, commune_package):
    centre = published_health_centre_package(commune=commune_package.provider.commune)
    path, pdf = write(tmp_path, PROVIDER_POSTER, centre.pk, "km")
    info = pdf_info(path)
    assert (round(info["width_mm"]), round(info["height_mm"])) == (297, 420)
    assert info["pages"] == 1
    assert not draws_dotted_circle(pdf)


def test_the_citizen_booklet_is_a_multi_page_a5(tmp_path, commune_package):
    published_health_centre_package(commune=commune_package.provider.commune)
    path, pdf = write(tmp_path, BOOKLET, commune_package.provider.commune_id, "km")
    info = pdf_info(path)
    assert (round(info["width_mm"]), round(info["height_mm"])) == (148, 210)
    # Cover, money, projects and fees, the health centre, scorecards.
    assert info["pages"] >= 5
    assert not draws_dotted_circle(pdf)


def test_the_bundled_font_is_embedded_and_no_glyph_is_a_dotted_circle(
    tmp_path, commune_package
):
    path, pdf = write(tmp_path, COMMUNE_A3, commune_package.pk, "km")
    assert_the_bundled_font_is_embedded_with_no_dotted_circle(path, pdf)


def text_boxes_of_class(document, css_class: str):
    page = document.pages[0]._page_box
    for box in page.descendants():
        if isinstance(box, boxes.TextBox):
            element = getattr(box, "element", None)
            classes = (
                (element.get("class") or "").split() if element is not None else []
            )
            if css_class in classes:
                yield box


@pytest.mark.parametrize("key,minimum_mm", [(COMMUNE_A3, 13), (COMMUNE_A2, 18)])
def test_the_totals_are_large_enough_to_read_from_two_metres(
    commune_package, key, minimum_mm
):
    # At two metres a reader needs characters of about 6 to 7 mm (1/300 of the
    # distance); Khmer consonants and digits are about half the type size, so
    # the totals are set at 13 mm type on A3 and 18 mm on A2.
    html = source_html(key, commune_package.pk, "km")
    document = html_to_document(html)
    totals = list(text_boxes_of_class(document, "total"))
    assert len(totals) == 2
    for box in totals:
        assert box.style["font_size"] / PX_PER_MM >= minimum_mm
    labels = list(text_boxes_of_class(document, "total-label"))
    assert all(box.style["font_size"] < totals[0].style["font_size"] for box in labels)


def test_the_poster_shows_the_money_projects_fees_version_date_and_qr(
    commune_package,
):
    html = source_html(COMMUNE_A3, commune_package.pk, "en", word_breaks=False)
    commune = commune_package.provider.commune
    url = f"http://127.0.0.1:8000/en/communes/{commune.code}/2025/"
    with translation.override("en"):
        assert str(qr_svg(url)) in html
    assert "Version 1" in html
    assert "Version 1 · Published on 1 February 2026" in html
    # Revenue received is 95% of 351,400,000 riel; spent 90% of 340,000,000.
    assert "333,830,000" in html
    assert "306,000,000" in html
    for text in ("Laterite road 0", "Birth certificate", "Land transfer record"):
        assert text in html
    assert "Krang Teh" in html


def test_the_khmer_poster_uses_khmer_digits_for_money_version_and_date(
    commune_package,
):
    html = source_html(COMMUNE_A3, commune_package.pk, "km", word_breaks=False)
    assert "៣៣៣.៨៣០.០០០" in html
    assert "២០២៦" in html
    assert "333,830,000" not in html


def long_khmer_name() -> str:
    words = [
        "ការសាងសង់",
        "ផ្លូវក្រួសក្រហម",
        "និងលូបង្ហូរទឹក",
        "តភ្ជាប់ពីភូមិ",
        "ទៅសាលាបឋមសិក្សា",
        "និងមណ្ឌលសុខភាព",
    ]
    return "".join(words * 3)[:200]


def test_a_long_khmer_project_name_wraps_inside_the_poster(commune_package):
    Project.objects.filter(package=commune_package).update(name=long_khmer_name())
    from i4c.tests.helpers import publish_directly

    publish_directly(commune_package, reason="ឈ្មោះគម្រោងវែង")
    html = source_html(COMMUNE_A3, commune_package.pk, "km")
    assert ZWSP in html
    edge, content_right = widest_text_edge(html_to_document(html))
    assert edge <= content_right + 0.5


def test_without_word_breaks_the_same_name_runs_off_the_poster(commune_package):
    """The control for the test above."""
    Project.objects.filter(package=commune_package).update(name=long_khmer_name())
    from i4c.tests.helpers import publish_directly

    publish_directly(commune_package, reason="ឈ្មោះគម្រោងវែង")
    html = source_html(COMMUNE_A3, commune_package.pk, "km", word_breaks=False)
    edge, content_right = widest_text_edge(html_to_document(html))
    assert edge > content_right + 5


def test_the_booklet_shows_the_published_date_of_the_version(commune_package):
    html = source_html(
        BOOKLET, commune_package.provider.commune_id, "en", word_breaks=False
    )
    assert "Version 1 · Published on 1 February 2026" in html


def test_a_billion_riel_total_still_fits_the_a3_sheet():
    from i4c.tests.factories import CommuneAdministrationFactory
    from i4c.tests.helpers import full_commune_package, publish_directly

    from .helpers import khmer_commune

    provider = CommuneAdministrationFactory(commune=khmer_commune())
    package = full_commune_package(provider=provider, scale=30)
    publish_directly(package)
    html = source_html(COMMUNE_A3, package.pk, "km")
    assert "១០.៥៤២.០០០.០០០" in html  # 95% of 30 x 351,400,000 riel
    edge, content_right = widest_text_edge(html_to_document(html))
    assert edge <= content_right + 0.5


def test_the_booklet_carries_the_latest_scorecard_results_and_jaap(
    tmp_path, commune_package
):
    import datetime

    from communes.models import ServiceProvider
    from communes.tests.factories import CycleFactory
    from scorecards.models import InterfaceMeeting, JaapAction
    from scorecards.seeding import scorecards_seed
    from scorecards.tests.factories import LibraryIndicatorFactory

    commune = commune_package.provider.commune
    centre = published_health_centre_package(commune=commune).provider
    LibraryIndicatorFactory(
        provider_kind="health_centre",
        name_km="ឆ្មបមានវត្តមាន២៤ម៉ោង",
        name_en="A midwife is on duty day and night",
    )
    cycle = CycleFactory()
    scorecards_seed(cycle=cycle, providers=ServiceProvider.objects.filter(pk=centre.pk))
    meeting = InterfaceMeeting.objects.create(
        commune=commune,
        cycle=cycle,
        held_on=datetime.date(cycle.year, 6, 1),
        attendance_female=20,
        attendance_male=15,
    )
    JaapAction.objects.create(
        meeting=meeting,
        provider=centre,
        issue="Night duty",
        action="Post the night-duty roster at the gate",
        responsible_party="Health centre chief",
        starts_on=datetime.date(cycle.year, 6, 2),
        due_on=datetime.date(cycle.year, 7, 1),
    )
    html = source_html(BOOKLET, commune.code, "en", word_breaks=False)
    assert "A midwife is on duty day and night" in html
    assert "Post the night-duty roster at the gate" in html
    path = tmp_path / "booklet.pdf"
    path.write_bytes(html_to_pdf(source_html(BOOKLET, commune.code, "km")))
    assert pdf_info(path)["pages"] >= 5
