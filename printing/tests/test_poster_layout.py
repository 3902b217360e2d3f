"""Every poster kind fits its sheet whatever the data: the demo's packages, then the
same packages grown to a worst case (the longest names and the most rows that the
demo and the national data set hold, doubled), each rendered and counted with
pdfinfo. The marks that every page carries (demo data, a QR code that leads to a
development machine) are read from the English PDFs' text, page by page."""

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from weasyprint.formatting_structure import boxes

from communes.models import ServiceProvider
from i4c.models import BudgetLine, OpeningHours, Package, Project, ServiceFee
from i4c.posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, PROVIDER_POSTER
from i4c.tests.helpers import publish_directly
from isaf.pdf import html_to_document, render_html
from printing.fitting import fitted_pdf
from printing.registry import document_get
from scorecards.models import Scorecard
from scorecards.posters import SHEET

from .helpers import pdf_info

pytestmark = pytest.mark.django_db

KRANG_TEH = "110401"
# The demo booklet of Krang Teh: cover, money, projects and fees, two health and
# school pages, scorecards (see templates/print/i4c/booklet.html).
DEMO_BOOKLET_PAGES = 8
# A Khmer service name twice as long as the longest in the demo and national data.
LONG_KM = "សេវាចុះបញ្ជីអត្រានុកូលដ្ឋាន និងការចេញលិខិតបញ្ជាក់ផ្សេងៗ សម្រាប់ប្រជាពលរដ្ឋនៅតំបន់ជនបទដាច់ស្រយាល"  # noqa: E501


@pytest.fixture
def demo():
    call_command("load_gazetteer", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("load_demo_i4c", verbosity=0)
    call_command("load_demo_scorecards", verbosity=0)


def krang_teh_packages():
    latest = {}
    for package in Package.objects.filter(
        provider__commune__code=KRANG_TEH, published_version__isnull=False
    ).order_by("year"):
        latest[package.provider_id] = package
    return {p.provider.kind: p for p in latest.values()}


def grow_to_worst_case(package: Package) -> Package:
    """The package with the longest names and more rows than a poster shows, its
    provider with the longest name, published as a new version."""
    provider = package.provider
    if provider.kind != ServiceProvider.Kind.COMMUNE:
        provider.name = provider.name_km = f"{provider.name_km} {LONG_KM[:40]} ១២"
        provider.name_en = f"{provider.name_en} Rural Outreach Annex Number 12"
        provider.save()
    for n in range(12):
        ServiceFee.objects.create(
            package=package,
            service=f"{LONG_KM} {n}",
            fee=0 if n % 3 == 0 else 125_000 * (n + 1),
            processing_time="៣០ ថ្ងៃធ្វើការ",
            exemptions="អ្នកកាន់ប័ណ្ណក្រីក្រ ជនពិការ និងកុមារកំព្រា",
        )
    for n in range(3):
        OpeningHours.objects.create(
            package=package,
            service=f"{LONG_KM[:60]} {n}",
            hours="ច័ន្ទ–សុក្រ ៧:៣០–១១:៣០ និង ១៤:០០–១៧:៣០",
        )
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        for n in range(12):
            Project.objects.create(
                package=package,
                name=f"{LONG_KM} {n}",
                sector="roads",
                cost=1_250_000_000,
                funding="csf_development",
                status="ongoing",
            )
    publish_directly(package, reason="worst case")
    package.refresh_from_db()
    return package


def render(tmp_path: Path, key: str, target, lang: str = "km") -> Path:
    """The PDF a print job writes for `key` and `target`."""
    source = document_get(key).source(str(target), lang)
    path = tmp_path / f"{key}-{target}-{lang}.pdf"
    path.write_bytes(fitted_pdf(source, lang))
    return path


def page_texts(path: Path) -> list[str]:
    pages = pdf_info(path)["pages"]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def test_every_poster_kind_is_one_page_with_the_demo_data(demo, tmp_path):
    packages = krang_teh_packages()
    commune = packages[ServiceProvider.Kind.COMMUNE]
    for key, package in (
        (COMMUNE_A3, commune),
        (COMMUNE_A2, commune),
        (PROVIDER_POSTER, packages[ServiceProvider.Kind.HEALTH_CENTRE]),
        (PROVIDER_POSTER, packages[ServiceProvider.Kind.PRIMARY_SCHOOL]),
    ):
        for lang in ("km", "en"):
            path = render(tmp_path, key, package.pk, lang)
            assert pdf_info(path)["pages"] == 1, (key, package.provider.kind, lang)
    booklet = render(tmp_path, BOOKLET, commune.provider.commune_id)
    assert pdf_info(booklet)["pages"] == DEMO_BOOKLET_PAGES


def test_every_poster_kind_is_one_page_in_the_worst_case(demo, tmp_path):
    packages = {
        kind: grow_to_worst_case(package)
        for kind, package in krang_teh_packages().items()
    }
    commune = packages[ServiceProvider.Kind.COMMUNE]
    for key, package in (
        (COMMUNE_A3, commune),
        (COMMUNE_A2, commune),
        (PROVIDER_POSTER, packages[ServiceProvider.Kind.HEALTH_CENTRE]),
        (PROVIDER_POSTER, packages[ServiceProvider.Kind.PRIMARY_SCHOOL]),
    ):
        for lang in ("km", "en"):
            path = render(tmp_path, key, package.pk, lang)
            assert pdf_info(path)["pages"] == 1, (key, package.provider.kind, lang)


def test_a_provider_poster_without_fees_is_one_page(demo, tmp_path):
    for kind in (
        ServiceProvider.Kind.HEALTH_CENTRE,
        ServiceProvider.Kind.PRIMARY_SCHOOL,
    ):
        package = krang_teh_packages()[kind]
        ServiceFee.objects.filter(package=package).delete()
        publish_directly(package, reason="no fees")
        path = render(tmp_path, PROVIDER_POSTER, package.pk)
        assert pdf_info(path)["pages"] == 1, kind


def test_the_blank_scoring_sheet_fits_two_landscape_pages(demo, tmp_path):
    scorecard = Scorecard.objects.order_by("pk").first()
    path = render(tmp_path, SHEET, scorecard.pk)
    info = pdf_info(path)
    assert info["pages"] <= 2
    assert info["width_mm"] > info["height_mm"]


def test_every_page_of_every_document_carries_the_demo_mark_and_the_test_address_warning(  # noqa: E501
    demo, tmp_path, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    packages = krang_teh_packages()
    commune = packages[ServiceProvider.Kind.COMMUNE]
    documents = [
        (COMMUNE_A3, commune.pk),
        (PROVIDER_POSTER, packages[ServiceProvider.Kind.HEALTH_CENTRE].pk),
        (BOOKLET, commune.provider.commune_id),
        (SHEET, Scorecard.objects.order_by("pk").first().pk),
    ]
    for key, target in documents:
        texts = page_texts(render(tmp_path, key, target, "en"))
        for number, text in enumerate(texts, start=1):
            assert "DEMO" in text, (key, number)
            assert "Test print" in text and "127.0.0.1:8000" in text, (key, number)


def test_posters_name_who_issued_them_and_where_to_complain(demo, tmp_path):
    packages = krang_teh_packages()
    for package in packages.values():
        if package.provider.kind == ServiceProvider.Kind.COMMUNE:
            key = COMMUNE_A3
        else:
            key = PROVIDER_POSTER
        text = " ".join(page_texts(render(tmp_path, key, package.pk, "en")))
        assert "Issued by" in text and "NCDD Secretariat" in text, key
        assert "complaints" in text, key


def test_the_issuer_names_the_commune_council_as_officials_write_it(demo):
    """«ក្រុមប្រឹក្សាឃុំក្រង់តេះ», «the council of Krang Teh commune»: the commune's
    own kind, never the generic «ឃុំ សង្កាត់» label nor the kind twice."""
    packages = krang_teh_packages()
    for package in packages.values():
        if package.provider.kind == ServiceProvider.Kind.COMMUNE:
            key = COMMUNE_A3
        else:
            key = PROVIDER_POSTER
        said = {}
        for lang in ("km", "en"):
            source = document_get(key).source(str(package.pk), lang)
            said[lang] = render_html(
                template=source.template, context=source.context, lang=lang
            ).replace("\u200b", "")
        assert "ក្រុមប្រឹក្សាឃុំក្រង់តេះ" in said["km"], key
        assert "ឃុំ សង្កាត់ក្រង់តេះ" not in said["km"], key
        assert "the council of Krang Teh commune," in said["en"], key
        assert "commune/sangkat" not in said["en"], key


def test_a_public_address_prints_no_warning(demo, tmp_path, settings):
    settings.SITE_URL = "https://isaf.example.org"
    commune = krang_teh_packages()[ServiceProvider.Kind.COMMUNE]
    text = " ".join(page_texts(render(tmp_path, COMMUNE_A3, commune.pk, "en")))
    assert "Test print" not in text
    assert "isaf.example.org" in text


def test_a_schools_operating_budget_stays_inside_its_box(demo):
    """Nine digits of riel and the riel sign, in the poster's large type, inside
    the bordered box of the school's operating budget."""
    package = krang_teh_packages()[ServiceProvider.Kind.PRIMARY_SCHOOL]
    BudgetLine.objects.filter(
        package=package, category=BudgetLine.Category.SCHOOL_OPERATING
    ).update(planned=987_654_321, actual=987_654_321)
    publish_directly(package, reason="a large budget")
    for lang in ("km", "en"):
        source = document_get(PROVIDER_POSTER).source(str(package.pk), lang)
        html = render_html(template=source.template, context=source.context, lang=lang)
        page = html_to_document(html).pages[0]._page_box
        boxes_by_class = {}
        for box in page.descendants():
            element = getattr(box, "element", None)
            if element is None:
                continue
            for name in (element.get("class") or "").split():
                boxes_by_class.setdefault(name, []).append(box)
        amount = [
            b for b in boxes_by_class["total-money"] if isinstance(b, boxes.TextBox)
        ]
        assert amount, lang
        # The paragraph is a block as wide as its box's content: the amount must
        # end inside it.
        paragraph = next(
            b for b in boxes_by_class["total-money"] if isinstance(b, boxes.BlockBox)
        )
        cell_right = paragraph.content_box_x() + paragraph.width
        text_right = max(b.position_x + b.width for b in amount)
        assert text_right <= cell_right + 0.5, (lang, text_right, cell_right)
