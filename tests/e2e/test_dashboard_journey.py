"""The dashboard journey of issue 6, in Chromium.

The demo secretariat user `ncdd` opens the dashboard, filters to Mondulkiri with
the form, drills down to Pech Chreada by the province table's link, and downloads
every table as XLSX. The file must open (openpyxl) and carry the numbers that the
page shows, read from the page in Khmer digits.

Elements are found by their ids and form names, not by their words, so that the
journey does not depend on which translations are compiled.
"""

import io

import pytest
from openpyxl import load_workbook

from isaf.khmer import to_ascii_digits

from .conftest import DEMO_PASSWORD, JOURNEY, load_demo_data, login, new_page

pytestmark = JOURNEY

MONDULKIRI = "11"
PECH_CHREADA = "1104"


@pytest.fixture
def demo_data():
    load_demo_data("i4c", "scorecards")


def number(text: str) -> int | None:
    """A table cell as the XLSX holds it: Khmer digits and grouping dropped."""
    text = to_ascii_digits(text.strip()).replace(",", "").replace(".", "")
    if not text or text == "–":
        return None
    return int(text)


def page_table(page, key: str) -> list[list[str]]:
    """A table's body and footer rows as cell texts."""
    rows = page.locator(f"#table-{key} tbody tr, #table-{key} tfoot tr")
    return [
        [cell.inner_text() for cell in rows.nth(i).locator("th, td").all()]
        for i in range(rows.count())
    ]


def sheet_rows(workbook, key: str) -> list[tuple]:
    """A sheet's rows under the caption and the header, up to the first gap."""
    rows = []
    for row in workbook[key].iter_rows(min_row=3, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def test_ncdd_filters_drills_down_and_downloads_the_same_numbers(
    live_server, demo_data, browser
):
    base = live_server.url
    page = new_page(
        browser, viewport={"width": 412, "height": 915}, accept_downloads=True
    )
    login(page, live_server, "ncdd", DEMO_PASSWORD)

    # 1. The national dashboard, then Mondulkiri through the filter form.
    page.goto(f"{base}/km/dashboard/")
    assert page.locator("#table-breakdown").count() == 1
    page.select_option("select[name=province]", MONDULKIRI)
    page.click("form.dashboard-filters button[type=submit]")
    page.wait_for_load_state()
    assert f"province={MONDULKIRI}" in page.url

    # 2. Drill down to Pech Chreada by its row in the district table.
    page.click(f"#table-breakdown a[href*='district={PECH_CHREADA}']")
    page.wait_for_load_state()
    assert f"district={PECH_CHREADA}" in page.url
    commune_rows = page_table(page, "breakdown")
    codes = [row[0].strip() for row in commune_rows[:-1]]
    assert "110401" in codes, "Krang Teh is a target commune of Pech Chreada"
    # Each commune links to its public page.
    assert page.locator("#table-breakdown a[href$='/communes/110401/']").count() == 1
    target = number(page.inner_text("#figure-target"))
    assert target == len(codes)

    # 3. Download every table as XLSX; the file opens with the same numbers.
    with page.expect_download() as download:
        page.click("#download-all")
    path = download.value.path()
    with open(path, "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))

    sheet = sheet_rows(workbook, "breakdown")
    assert [row[0] for row in sheet[:-1]] == codes
    for page_row, sheet_row in zip(commune_rows, sheet, strict=True):
        page_numbers = [number(cell) for cell in page_row[2:]]
        assert page_numbers == list(sheet_row[2 : 2 + len(page_numbers)]), page_row
    # The cycle-progress table: counts of communes, health centres and schools
    # (columns 1, 3 and 5; the others are shares) for every stage.
    page_stages = page_table(page, "stages")
    sheet_stages = sheet_rows(workbook, "stages")
    assert len(page_stages) == len(sheet_stages) == 7
    for page_row, sheet_row in zip(page_stages, sheet_stages, strict=True):
        assert [number(page_row[i]) for i in (1, 3, 5)] == [
            sheet_row[i] for i in (1, 3, 5)
        ]
    assert sheet_stages[0][1] == target
    participation = page_table(page, "participation")
    sheet_participation = sheet_rows(workbook, "participation")
    assert [number(c) for c in participation[-1][1:]] == list(
        sheet_participation[-1][1:]
    )
