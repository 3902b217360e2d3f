"""A citizen, not signed in, downloads Krang Teh's A3 poster and its booklet from
its board, in Chromium; what is downloaded is the published version, never the
draft the commune is working on."""

import re
import subprocess

import pytest
from django.utils import timezone

from i4c.models import Package, Project

from .conftest import JOURNEY, load_demo_data, screenshot

pytestmark = JOURNEY

KRANG_TEH = "110401"
DRAFT_ONLY = "Draft only road"


def pdf_pages(path) -> int:
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def demo_data(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_demo_data("i4c")
    year = timezone.localdate().year - 1
    # After publishing, the commune started a correction: a draft with a
    # project that citizens must not see until it is published.
    package = Package.objects.get(
        provider__commune_id=KRANG_TEH, provider__kind="commune", year=year
    )
    project = Project.objects.filter(package=package).first()
    project.name = DRAFT_ONLY
    project.save()
    Package.objects.filter(pk=package.pk).update(status=Package.Status.DRAFT)
    return year


def download(page, link_href, tmp_path, name):
    with page.expect_download() as info:
        page.click(f"a[href='{link_href}']")
    download = info.value
    path = tmp_path / name
    download.save_as(path)
    return download, path


def test_a_citizen_downloads_krang_tehs_poster_and_booklet_from_its_board(
    live_server, demo_data, browser, tmp_path
):
    year = demo_data
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="km-KH",
        accept_downloads=True,
        extra_http_headers={"Accept-Language": "km"},
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        # No sign-in: a citizen opens the commune's board.
        page.goto(f"{live_server.url}/km/communes/{KRANG_TEH}/")
        poster = f"/km/communes/{KRANG_TEH}/{year}/poster-a3.pdf"
        booklet = f"/km/communes/{KRANG_TEH}/{year}/booklet.pdf"
        assert page.locator(f"a[href='{poster}']").is_visible()
        assert page.locator(f"a[href='{booklet}']").is_visible()
        screenshot(page, "board-poster-links-km")

        a3, a3_path = download(page, poster, tmp_path, "a3.pdf")
        assert a3.suggested_filename.endswith("-a3-km.pdf")
        assert a3_path.read_bytes().startswith(b"%PDF")
        assert pdf_pages(a3_path) == 1

        book, book_path = download(page, booklet, tmp_path, "booklet.pdf")
        assert book.suggested_filename.endswith("-booklet-km.pdf")
        assert book_path.read_bytes().startswith(b"%PDF")
        assert pdf_pages(book_path) >= 4

        # The English poster shows Latin text that pdftotext reads faithfully:
        # the draft's project is on none of them.
        page.goto(f"{live_server.url}/en/communes/{KRANG_TEH}/")
        _en, en_path = download(
            page,
            f"/en/communes/{KRANG_TEH}/{year}/poster-a3.pdf",
            tmp_path,
            "a3-en.pdf",
        )
        for path in (a3_path, book_path, en_path):
            assert DRAFT_ONLY not in pdf_text(path)
    finally:
        context.close()
