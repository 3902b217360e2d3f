"""The finder, browse and commune pages, in Khmer and English, on the real gazetteer."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from communes.models import Commune, ServiceProvider
from communes.tests.factories import ServiceProviderFactory, VillageFactory

pytestmark = pytest.mark.usefixtures("gazetteer_db")

KHMER_CONSONANTS = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ"


def _url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _text(response):
    return response.content.decode()


def _page(client, path, data=None):
    """GET a page that must render, and its HTML."""
    response = client.get(path, data)
    assert response.status_code == 200
    return response, _text(response)


# --------------------------------------------------------------------------- #
# Finder
# --------------------------------------------------------------------------- #
def test_the_finder_without_a_query_lists_the_provinces_to_browse(client):
    _, html = _page(client, "/km/communes/")
    assert '<html lang="km">' in html
    assert html.count('href="/km/communes/provinces/') == 25
    assert "មណ្ឌលគិរី" in html


def test_khmer_pages_list_provinces_in_khmer_order(client):
    provinces = list(client.get("/km/communes/").context["provinces"])
    initials = [
        KHMER_CONSONANTS.index(p.name_km[0])
        for p in provinces
        if p.name_km[0] in KHMER_CONSONANTS
    ]
    assert initials == sorted(initials)
    assert [p.code for p in provinces] != sorted(p.code for p in provinces)


def test_english_pages_list_provinces_in_latin_order(client):
    provinces = list(client.get("/en/communes/").context["provinces"])
    names = [p.name_latin.lower() for p in provinces]
    assert names == sorted(names)


def test_the_finder_finds_krang_teh_from_its_khmer_name(client):
    response, html = _page(client, "/km/communes/", {"q": "ក្រង់តេះ"})
    assert 'href="/km/communes/110401/"' in html
    # Each result names the places it sits in.
    assert "ពេជ្រាដា" in html and "មណ្ឌលគិរី" in html
    assert response.context["matches"][0].unit.code == "110401"


def test_the_finder_tells_the_samraong_communes_apart(client):
    response = client.get("/en/communes/", {"q": "samraong"})
    html = _text(response)
    communes = [
        m.unit
        for m in response.context["matches"]
        if m.level == "commune" and m.rank == 0
    ]
    assert len(communes) == 10
    for commune in communes:
        block = html.split(f'href="/en/communes/{commune.code}/"', 1)[1]
        block = block.split("</li>", 1)[0]
        assert commune.district.name_latin in block
        assert commune.district.province.name_latin in block


def test_a_commune_code_typed_in_khmer_digits_goes_to_the_commune(client):
    response = client.get("/km/communes/", {"q": "១១០៤០១"})
    assert response.status_code == 302
    assert response["Location"] == "/km/communes/110401/"


def test_an_empty_query_asks_for_a_name_and_shows_the_provinces(client):
    response = client.get("/en/communes/", {"q": "   "})
    html = _text(response)
    assert "Type a name or a code to search" in html
    assert html.count('href="/en/communes/provinces/') == 25


def test_a_query_that_matches_nothing_says_so(client):
    response = client.get("/en/communes/", {"q": "zzqxv"})
    assert response.status_code == 200
    assert "No place matches “zzqxv”" in _text(response)
    assert response.context["matches"] == []


def test_a_very_long_query_is_cut_not_refused(client):
    response = client.get("/en/communes/", {"q": "krang teh " * 50})
    assert response.status_code == 200


# --------------------------------------------------------------------------- #
# Browse
# --------------------------------------------------------------------------- #
def test_a_province_page_lists_its_districts_in_both_scripts(client):
    response, html = _page(client, "/km/communes/provinces/11/")
    assert 'href="/km/communes/districts/1104/"' in html
    assert "ពេជ្រាដា" in html and "Pechreada" in html
    assert len(response.context["districts"]) == 5
    assert "<caption>" in html and 'scope="col"' in html


def test_a_district_page_lists_its_communes_with_breadcrumbs(client):
    response, html = _page(client, "/en/communes/districts/1104/")
    assert 'href="/en/communes/110401/"' in html
    assert "ក្រង់តេះ" in html and "Krang Teh" in html
    assert 'href="/en/communes/provinces/11/"' in html
    names = [c.name_latin.lower() for c in response.context["communes"]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    "path",
    [
        "/km/communes/provinces/99/",
        "/km/communes/districts/9999/",
        "/km/communes/999999/",
        "/en/communes/12345/",
        "/en/communes/abcdef/",
    ],
)
def test_unknown_codes_are_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path, target",
    [
        ("/km/communes/១១០៤០១/", "/km/communes/110401/"),
        ("/en/communes/districts/១១០៤/", "/en/communes/districts/1104/"),
        ("/km/communes/provinces/១១/", "/km/communes/provinces/11/"),
    ],
)
def test_codes_typed_with_khmer_digits_redirect_to_the_ascii_address(
    client, path, target
):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


# --------------------------------------------------------------------------- #
# The commune page
# --------------------------------------------------------------------------- #
@pytest.fixture
def krang_teh_providers():
    Kind = ServiceProvider.Kind
    # fmt: off
    rows = [
        # code, kind, commune, Khmer name, English name, demo
        ("DEMO-110401-CA", Kind.COMMUNE, "110401", "រដ្ឋបាលឃុំក្រង់តេះ",
         "Krang Teh commune administration", True),
        ("REAL-SCHOOL", Kind.PRIMARY_SCHOOL, "110401", "សាលាបឋមសិក្សាក្រង់តេះ",
         "Krang Teh primary school", False),
        ("DEMO-HC", Kind.HEALTH_CENTRE, "110402", "មណ្ឌលសុខភាពពូជ្រៃ",
         "Pu Chrey health centre", True),
    ]
    # fmt: on
    administration, school, health_centre = (
        ServiceProviderFactory(
            code=c, kind=k, commune_id=commune, name_km=km, name_en=en, is_demo=demo
        )
        for c, k, commune, km, en, demo in rows
    )
    health_centre.communes_served.add("110401", "110402")
    return administration, school, health_centre


def test_the_commune_page_shows_names_parents_and_villages(client):
    response, html = _page(client, "/km/communes/110401/")
    assert '<html lang="km">' in html
    assert "ក្រង់តេះ" in html and "Krang Teh" in html
    assert 'href="/km/communes/districts/1104/"' in html
    assert 'href="/km/communes/provinces/11/"' in html
    assert 'class="breadcrumbs"' in html
    villages = response.context["page"].villages
    assert len(villages) == 4
    for village in villages:
        assert f'id="village-{village.code}"' in html


def test_the_commune_page_lists_its_providers_and_marks_demo_ones(
    client, krang_teh_providers
):
    administration, school, health_centre = krang_teh_providers
    response = client.get("/en/communes/110401/")
    html = _text(response)
    assert "Krang Teh commune administration" in html
    assert "Krang Teh primary school" in html
    # A health centre in the next commune that serves this one.
    assert "Pu Chrey health centre" in html
    assert 'href="/en/communes/110402/"' in html
    providers_html = html.split('id="providers-heading"', 1)[1].split("</section>")[0]
    assert providers_html.count("badge-demo") == 2
    school_item = providers_html.split("Krang Teh primary school", 1)[1]
    assert "badge-demo" not in school_item.split("</li>", 1)[0]


def test_the_commune_page_shows_provider_names_in_the_page_language(
    client, krang_teh_providers
):
    html = _text(client.get("/km/communes/110401/"))
    assert "រដ្ឋបាលឃុំក្រង់តេះ" in html
    assert "Krang Teh commune administration" not in html


def test_the_commune_page_says_the_board_comes_once_published(client):
    # The printed address shows the I4C board; with nothing published it says so.
    html = _text(client.get("/en/communes/110401/"))
    assert 'id="i4c-board-title"' in html
    assert "has not published its information for citizens yet" in html


def test_english_pages_put_the_latin_name_first(client):
    html = _text(client.get("/en/communes/110401/"))
    assert '<html lang="en">' in html
    assert '<h1><span lang="en">Krang Teh commune</span>' in html
    # The header's facts give the district in both scripts, Latin first here.
    district = re.search(
        r'<dd><a href="/en/communes/districts/1104/">(.*?)</a>', html, re.S
    )
    assert district.group(1).index("Pechreada") < district.group(1).index("ពេជ្រាដា")
    khmer = _text(client.get("/km/communes/110401/"))
    district = re.search(
        r'<dd><a href="/km/communes/districts/1104/">(.*?)</a>', khmer, re.S
    )
    assert district.group(1).index("ពេជ្រាដា") < district.group(1).index("Pechreada")


def test_the_commune_page_costs_the_same_few_queries_for_any_commune(
    client, krang_teh_providers
):
    # The page carries the I4C board and scorecard results too, within DESIGN's 15,
    # and its cost does not grow with the number of villages.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from isaf.pages import pages_forget_all

    def cost(code):
        pages_forget_all()  # anonymous pages are stored whole; measure a render
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/km/communes/{code}/").status_code == 200
        return len(queries)

    before = cost("110401")
    krang_teh = Commune.objects.get(pk="110401")
    for n in range(30):
        VillageFactory(code=f"110401{50 + n}", commune=krang_teh)
    assert cost("110401") == before <= 15
    assert cost("250505") <= 15


def test_the_finder_and_browse_pages_cost_a_few_queries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/km/communes/", {"q": "samraong"})
    with django_assert_max_num_queries(2):
        client.get("/km/communes/")
    with django_assert_max_num_queries(3):
        client.get("/km/communes/districts/1104/")


def test_reverse_gives_the_public_addresses():
    assert _url("communes:finder", "km") == "/km/communes/"
    assert _url("communes:detail", "en", code="110401") == "/en/communes/110401/"
    assert _url("communes:province", "km", code="11") == "/km/communes/provinces/11/"
    assert (
        _url("communes:district", "en", code="1104") == "/en/communes/districts/1104/"
    )
