"""The offline workbook journey of issue 12, in Chromium.

A councillor downloads the I4C workbook of their commune, fills a figure in a
spreadsheet program (here openpyxl), uploads it, sees what it changes, and
imports it with "submit for review" ticked; the package is then with the
reviewers. Pages are found by their addresses and element ids, not by words.
"""

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from i4c.models import Package

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    page_fits_its_width,
    screenshot,
)

pytestmark = JOURNEY


@pytest.fixture
def eager_jobs(settings, tmp_path):
    """The job runs in the server as soon as its row is committed (no broker)."""
    from isaf.celery import app

    settings.MEDIA_ROOT = tmp_path
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_a_councillor_fills_the_workbook_offline_and_submits_it(
    browser, live_server, eager_jobs, tmp_path
):
    load_demo_data("i4c")
    year = timezone.localdate().year
    page = new_page(browser, accept_downloads=True)
    login(page, live_server, "councillor", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/km/workspace/")
    page.click("#i4c-workbook-link")
    page.select_option("select[name=year]", str(year))
    with page.expect_download() as download:
        page.click("#download-title ~ form button")
    path = tmp_path / "i4c.xlsx"
    download.value.save_as(path)

    workbook = load_workbook(path)
    sheet = workbook["ឃុំ ចំណូល"]
    keys = [cell.value for cell in sheet[2]]
    assert sheet.cell(row=3, column=1).value == "C110401"
    sheet.cell(
        row=3, column=keys.index("revenue:own_source:actual") + 1
    ).value = "៤.២០០.០០០"
    # A project renamed as people write them: long, in Khmer.
    projects = workbook["ឃុំ គម្រោង"]
    keys = [cell.value for cell in projects[2]]
    projects.cell(
        row=3, column=keys.index("name") + 1
    ).value = "សាងសង់ប្រឡាយទឹកស្រោចស្រព ប្រវែង ៨០០ ម៉ែត្រ នៅភូមិក្រង់តេះ និងភូមិឡៅរមៀត"
    workbook.save(path)

    page.set_input_files("input[name=file]", str(path))
    page.click("#upload-title ~ form button")
    page.wait_for_selector("#workbook-preview")
    assert "៤.២០០.០០០" in page.inner_text("#workbook-preview")
    # On a phone each change reads whole, its new value in sight: no sideways
    # scroll to find what the import will write.
    width = page.viewport_size["width"]
    rows = page.locator("#workbook-preview tbody tr")
    assert rows.count() == 2
    for index in range(rows.count()):
        box = rows.nth(index).locator("td").last.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page_fits_its_width(page)
    screenshot(page, "workbook-preview")
    page.check("input[name=submit]")
    page.click("form[action$='/confirm/'] button")
    page.wait_for_selector("#job-done")
    package = Package.objects.get(provider__code="C110401", year=year)
    assert package.budget_lines.get(category="own_source").actual == 4_200_000
    # Started from last year's package, so every required section is filled.
    assert package.status == Package.Status.SUBMITTED
    assert page.locator("#not-submitted").count() == 0
