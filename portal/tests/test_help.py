"""The manual: a guide per role at /<lang>/help/<role>/, its pictures, its PDF, and
the links that lead each reader to their guide."""

import re
import subprocess

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from PIL import Image

from communes.models import Role
from communes.tests import factories as cf
from portal import help

pytestmark = pytest.mark.django_db

LANGUAGES = ("km", "en")
ROLES = ["citizen", "councillor", "facilitator", "reviewer", "secretariat"]


def get_html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def nav_help_link(html):
    nav = html.split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]*/help/[^"]*)"', nav)


def test_the_manual_addresses_are_stable():
    with translation.override("km"):
        assert reverse("help:index") == "/km/help/"
        assert reverse("help:guide", args=["citizen"]) == "/km/help/citizen/"
        assert reverse("help:guide-pdf", args=["citizen"]) == "/km/help/citizen.pdf"
    with translation.override("en"):
        assert reverse("help:guide", args=["reviewer"]) == "/en/help/reviewer/"


def test_there_is_a_guide_for_each_role_of_the_programme():
    assert list(help.ROLES) == ROLES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_the_five_guides_and_their_pdfs(client, lang):
    html = get_html(client, f"/{lang}/help/")
    for role in ROLES:
        assert f'href="/{lang}/help/{role}/"' in html
        assert f'href="/{lang}/help/{role}.pdf"' in html
    if lang == "km":
        assert "ការណែនាំសម្រាប់តួនាទីនីមួយៗ" in html


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_guide_answers_with_a_picture_for_each_step(client, lang, role):
    guide = help.guide_get(role)
    html = get_html(client, f"/{lang}/help/{role}/")
    pictures = re.findall(r'<img src="/static/(help/[^"]+)"', html)
    assert pictures == [guide.image(step, lang) for step in guide.steps]
    assert f'href="/{lang}/help/{role}.pdf"' in html
    if lang == "km":
        # Steps are numbered in Khmer digits on Khmer pages, and the words are Khmer.
        assert '<span class="help-number">១</span>' in html
        with translation.override("en"):
            assert str(guide.steps[0].title) not in html
        with translation.override("km"):
            assert str(guide.steps[0].title) in html
    else:
        assert '<span class="help-number">1</span>' in html


def test_every_picture_a_guide_names_exists_at_its_size():
    for guide in help.GUIDES:
        for step in guide.steps:
            for lang in LANGUAGES:
                name = guide.image(step, lang)
                path = finders.find(name)
                assert path, (
                    f"{name} is missing: run tests/e2e/test_help_screenshots.py"
                )
                with Image.open(path) as picture:
                    assert picture.size == (guide.picture_width, guide.picture_height)


def test_an_unknown_guide_is_not_found(client):
    assert client.get("/km/help/mayor/").status_code == 404
    assert client.get("/en/help/mayor.pdf").status_code == 404


def test_a_reader_who_is_not_signed_in_is_offered_every_guide(client):
    assert nav_help_link(get_html(client, "/km/")) == ["/km/help/"]


@pytest.mark.parametrize(
    ("kind", "guide"),
    [
        (Role.Kind.COUNCILLOR, "councillor"),
        (Role.Kind.FACILITATOR, "facilitator"),
        (Role.Kind.REVIEWER, "reviewer"),
        (Role.Kind.SECRETARIAT, "secretariat"),
    ],
)
def test_every_workspace_page_leads_to_the_users_own_guide(client, kind, guide):
    scope = {
        Role.Kind.COUNCILLOR: lambda: {"commune": cf.CommuneFactory()},
        Role.Kind.FACILITATOR: lambda: {"organisation": cf.OrganisationFactory()},
        Role.Kind.REVIEWER: lambda: {"province": cf.ProvinceFactory()},
        Role.Kind.SECRETARIAT: dict,
    }[kind]()
    user = cf.user_with_role(kind=kind, **scope)
    client.force_login(user)
    for lang in LANGUAGES:
        html = get_html(client, f"/{lang}/workspace/")
        assert nav_help_link(html) == [f"/{lang}/help/{guide}/"]


def test_someone_with_several_roles_gets_the_widest_roles_guide(client):
    user = cf.user_with_role(kind=Role.Kind.COUNCILLOR, commune=cf.CommuneFactory())
    cf.RoleFactory(user=user, kind=Role.Kind.REVIEWER, province=cf.ProvinceFactory())
    client.force_login(user)
    assert nav_help_link(get_html(client, "/en/workspace/")) == ["/en/help/reviewer/"]


def test_a_signed_in_user_without_a_role_is_offered_every_guide(client):
    client.force_login(cf.user_with_role())
    assert nav_help_link(get_html(client, "/km/workspace/")) == ["/km/help/"]


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def pdf_fonts(path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_the_printable_guide_is_a_pdf_for_anyone_made_once(client, media, tmp_path):
    response = client.get("/km/help/citizen.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "isaf-help-citizen-km.pdf" in response["Content-Disposition"]
    path = tmp_path / "guide.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    # The bundled Khmer font, embedded; five steps with their pictures need pages.
    assert "Noto-Sans-Khmer-Print" in pdf_fonts(path)
    assert pdf_pages(path) >= 2
    made = sorted(p.name for p in media.rglob("*.pdf"))
    assert len(made) == 1

    # Asked again, the same file is served: nothing is rendered again.
    again = client.get("/km/help/citizen.pdf")
    assert b"".join(again.streaming_content) == path.read_bytes()
    assert sorted(p.name for p in media.rglob("*.pdf")) == made

    # Each language has its own file.
    assert client.get("/en/help/citizen.pdf").status_code == 200
    assert len(list(media.rglob("*.pdf"))) == 2


def test_the_commune_board_leads_citizens_to_their_guide(client):
    cf.place("11", "មណ្ឌលគិរី", "Mondulkiri")
    cf.place("1104", "ពេជ្រាដា", "Pech Chreada")
    commune = cf.place("110401", "ក្រង់តេះ", "Krang Teh")
    for lang in LANGUAGES:
        html = get_html(client, f"/{lang}/communes/{commune.code}/")
        assert f'href="/{lang}/help/citizen/"' in html


def test_new_pictures_give_the_printed_guide_new_html(settings, tmp_path):
    """A PDF is reused while its HTML is the same, so new screenshots must change
    the HTML, or the printed guide would keep the old pictures."""
    from portal.posters import help_guide

    pictures = tmp_path / "help" / "km"
    pictures.mkdir(parents=True)
    guide = help.guide_get("citizen")
    for step in guide.steps:
        name = guide.image(step, "km")
        (tmp_path / name).write_bytes(open(finders.find(name), "rb").read())
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    before = help_guide("citizen", "km").context["pictures_digest"]
    assert help_guide("citizen", "km").context["pictures_digest"] == before
    (tmp_path / guide.image(guide.steps[2], "km")).write_bytes(b"a newer picture")
    assert help_guide("citizen", "km").context["pictures_digest"] != before
