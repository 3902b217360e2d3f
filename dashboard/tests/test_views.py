"""The dashboard pages: who may open them, what they show, and the downloads."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from isaf.khmer import to_ascii_digits

pytestmark = pytest.mark.django_db

HOME = "/en/dashboard/"


def get(client, user, path=HOME, **params):
    client.force_login(user)
    return client.get(path, params)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, country):
    response = client.get(HOME)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["councillor", "facilitator", "nobody"])
def test_councillors_and_facilitators_are_refused_the_dashboard(client, country, who):
    for path in (HOME, "/en/dashboard/map/", "/en/dashboard/coverage/"):
        assert get(client, getattr(country, who), path).status_code == 403
    assert get(client, getattr(country, who), HOME, format="xlsx").status_code == 403


def test_a_provincial_reviewer_is_refused_another_provinces_figures(client, country):
    reviewer = country.provincial_reviewer
    assert get(client, reviewer, HOME, province="02").status_code == 403
    assert get(client, reviewer, HOME, district="0208").status_code == 403
    assert (
        get(
            client, reviewer, HOME, province="02", format="csv", table="stages"
        ).status_code
        == 403
    )
    assert get(client, reviewer, "/en/dashboard/map/", province="02").status_code == 403

    own = get(client, reviewer, HOME)
    assert own.status_code == 200
    assert own.context["figures"]["communes"]["target"] == 3
    assert "Battambang" not in own.content.decode()


def test_the_national_dashboard_makes_at_most_25_queries(
    client, country, django_assert_max_num_queries
):
    client.force_login(country.secretariat)
    with django_assert_max_num_queries(25):
        response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["figures"]["communes"]["target"] == 4


def test_a_national_reviewer_sees_every_province(client, country):
    response = get(client, country.national_reviewer, HOME)

    assert response.status_code == 200
    rows = response.context["tables"]["breakdown"].rows
    assert [row["code"] for row in rows] == ["02", "11"]


def test_it_drills_down_from_province_to_district_to_commune_pages(client, country):
    national = get(client, country.secretariat, HOME, year=2025)
    province_link = next(
        r["link_url"]
        for r in national.context["tables"]["breakdown"].rows
        if r["code"] == "11"
    )
    assert "province=11" in province_link

    province = client.get(province_link)
    district_link = province.context["tables"]["breakdown"].rows[0]["link_url"]
    assert "district=1104" in district_link

    district = client.get(district_link)
    rows = district.context["tables"]["breakdown"].rows
    assert [r["link_url"] for r in rows] == [
        reverse("communes:detail", kwargs={"code": code})
        for code in ("110401", "110402", "110403")
    ]
    assert 'href="/en/communes/110401/"' in district.content.decode()


def test_the_khmer_page_shows_khmer_digits(client, country):
    response = get(client, country.secretariat, "/km/dashboard/")
    html = response.content.decode()

    assert '<span class="key-number" id="figure-target">៤</span>' in html


def test_a_table_downloads_as_csv_with_the_page_numbers(client, country):
    response = get(client, country.secretariat, HOME, format="csv", table="stages")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Stage", "Communes", "Share of communes (%)"]
    by_stage = {row[0]: row for row in rows[1:]}
    assert by_stage["Target"][1] == "4"
    assert by_stage["I4C published"][1:3] == ["3", "75.0"]
    assert by_stage["JAAP reviewed"][1] == "1"


def test_every_table_downloads_as_xlsx_with_the_page_numbers(client, country):
    page = get(client, country.secretariat, HOME)
    response = get(client, country.secretariat, HOME, format="xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert set(workbook.sheetnames) == set(page.context["tables"])
    sheet = workbook["breakdown"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    header, body = values[0], values[1:]
    assert header[:3] == ("Code", "Province", "Target communes")
    assert [(row[0], row[2], row[3]) for row in body] == [
        ("02", 1, 1),
        ("11", 3, 2),
        (None, 4, 3),
    ]
    participation = list(workbook["participation"].iter_rows(values_only=True))
    total = next(row for row in participation if row[0] == "All recorded meetings")
    assert total[:4] == ("All recorded meetings", 5, 92, 60)


def test_an_unknown_table_is_not_found(client, country):
    assert (
        get(client, country.secretariat, HOME, format="csv", table="nope").status_code
        == 404
    )


def test_the_map_draws_communes_with_coordinates_and_counts_the_rest(client, country):
    response = get(client, country.secretariat, "/en/dashboard/map/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count('/"><circle class="s') == 2
    assert '<a href="/en/communes/110401/"><circle class="s6"' in html
    assert '<a href="/en/communes/110402/"><circle class="s2"' in html
    assert "2 target communes have no coordinates" in html
    # On an outline of the country, described by the counts and the names.
    assert 'class="map-land"' in html
    assert 'id="map-names"' in html
    # A slow connection: the whole page stays small.
    assert len(response.content) < 40_000


def test_the_coverage_page_lists_target_districts_per_partner(client, country):
    response = get(client, country.secretariat, "/en/dashboard/coverage/", year=2025)

    rows = response.context["tables"]["coverage"].rows
    assert [(r["partner"], r["district_code"], r["communes"]) for r in rows] == [
        ("ORG1", "1104", 3),
        ("ORG2", "0208", 1),
    ]
    assert reverse("admin:communes_coverage_changelist") in response.content.decode()


def test_the_page_numbers_match_the_figures(client, country):
    response = get(client, country.secretariat, "/km/dashboard/", district="1104")
    html = to_ascii_digits(response.content.decode())

    assert 'id="figure-target">3<' in html
    assert 'id="figure-three-cycles">1<' in html


def test_the_target_districts_and_the_map_table_download_too(client, country):
    coverage = get(
        client,
        country.secretariat,
        "/en/dashboard/coverage/",
        year=2025,
        format="csv",
        table="coverage",
    )
    rows = list(csv.reader(io.StringIO(coverage.content.decode().lstrip("\ufeff"))))
    # Places as officials write them, in exports too.
    assert rows[1:] == [
        ["ORG1", "Mondul Kiri province", "1104", "Pech Chreada district", "3"],
        ["ORG2", "Battambang province", "0208", "Sangkae district", "1"],
    ]

    workbook = load_workbook(
        io.BytesIO(
            get(
                client, country.secretariat, "/en/dashboard/map/", format="xlsx"
            ).content
        )
    )
    codes = [row[0] for row in workbook["map"].iter_rows(min_row=3, values_only=True)]
    # Communes with no coordinates are in the table, though not on the map.
    assert codes == ["020801", "110401", "110402", "110403"]


def test_the_page_explains_which_work_the_cycle_counts(client, country):
    page = get(client, country.secretariat, HOME, year=2025).content.decode()

    assert "I4C packages of fiscal year 2025" in page
    assert "dissemination meetings held from" in page


def test_the_khmer_page_explains_which_work_the_cycle_counts(client, country):
    page = get(client, country.secretariat, "/km/dashboard/", year=2025)
    text = page.content.decode()

    assert "ឆ្នាំថវិកា ២០២៥" in text
    assert "កិច្ចប្រជុំផ្សព្វផ្សាយ" in text
