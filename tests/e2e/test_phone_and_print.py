"""The demo boards on a 360 × 740 phone and on A4 paper, in Chromium.

On the phone: nothing sticks out sideways, the section links and the summary come
first, every "meets the national standard?" verdict is on screen without
scrolling sideways, and the dashboard's province table fits. On paper (the
browser's print): the Krang Teh board holds on at most three A4 pages, the summary
on the first.
"""

import subprocess

import pytest

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    page_fits_its_width,
)

pytestmark = JOURNEY

PHONE = {"width": 360, "height": 740}
KRANG_TEH = "110401"


@pytest.fixture
def demo_data():
    load_demo_data("i4c", "scorecards")


def test_the_boards_read_on_a_360_px_phone(live_server, demo_data, browser):
    base = live_server.url
    page = new_page(browser, viewport=PHONE)
    page.goto(f"{base}/km/communes/{KRANG_TEH}/")
    assert page_fits_its_width(page)
    contents = page.locator(".board-contents")
    assert contents.count() == 1
    summary = page.locator(".board-summary")
    assert contents.bounding_box()["y"] < summary.bounding_box()["y"]
    assert (
        summary.bounding_box()["y"] < page.locator("#i4c-revenue").bounding_box()["y"]
    )
    # Each section link leads somewhere on the page.
    for href in contents.locator("a").evaluate_all("as => as.map(a => a.hash)"):
        assert page.locator(href).count() == 1, href

    for provider in ("HC11040101", "PS11040101"):
        page.goto(f"{base}/km/providers/{provider}/")
        assert page_fits_its_width(page)
        verdicts = page.locator("td.verdict")
        assert verdicts.count() > 0
        for box in verdicts.evaluate_all(
            "cells => cells.map(c => c.getBoundingClientRect().toJSON())"
        ):
            assert 0 <= box["left"] and box["right"] <= PHONE["width"], provider
    page.context.close()

    ncdd = new_page(browser, viewport=PHONE)
    login(ncdd, live_server, "ncdd", DEMO_PASSWORD)
    ncdd.goto(f"{base}/km/dashboard/")
    assert page_fits_its_width(ncdd)
    scroller = ncdd.locator(".table-scroll:has(#table-breakdown)")
    assert scroller.evaluate("s => s.scrollWidth <= s.clientWidth")
    ncdd.context.close()


def test_the_printed_board_holds_on_three_a4_pages(
    live_server, demo_data, browser, tmp_path
):
    page = new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/communes/{KRANG_TEH}/")
    page.emulate_media(media="print")
    path = tmp_path / "board.pdf"
    page.pdf(path=str(path), format="A4", print_background=True)
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(
        next(line for line in info.splitlines() if line.startswith("Pages")).split()[1]
    )
    assert pages <= 3
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "The commune received" in first
    assert "Where the money came from" in first
    page.context.close()
