"""The field app's page, reference data, service worker and manifest: for
facilitators, limited to their coverage, and naming what the phone keeps."""

import json

from django.templatetags.static import static

from communes.models import Role
from communes.tests import factories as cf


def test_the_page_is_for_facilitators_only(client, world):
    assert client.get("/km/field/").status_code == 302  # to the sign-in
    client.force_login(world.councillor)
    assert client.get("/km/field/").status_code == 404
    client.force_login(world.facilitator)
    response = client.get("/km/field/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'rel="manifest" href="/km/field/manifest.webmanifest"' in html
    assert 'name="csrf-token"' in html
    # The script's words come translated with the page.
    strings = response.context["strings"]
    assert strings["waiting"] == "កំពុងរង់ចាំធ្វើសមកាលកម្ម"


def test_the_workspace_links_the_field_app_for_facilitators(client, world):
    client.force_login(world.facilitator)
    assert 'href="/km/field/"' in client.get("/km/workspace/").content.decode()
    client.force_login(world.councillor)
    assert 'href="/km/field/"' not in client.get("/km/workspace/").content.decode()


def test_reference_data_holds_only_the_facilitators_coverage(client, world, library):
    client.force_login(world.facilitator)
    data = client.get("/km/field/reference.json").json()
    providers = {p["id"]: p for p in data["providers"]}
    assert set(providers) == {world.health_centre.pk, world.school.pk}
    assert world.outside.pk not in providers
    assert providers[world.health_centre.pk]["communes"] == [world.commune.code]
    assert [v["code"] for v in data["villages"]] == [world.village.code]
    assert {i["id"] for i in data["library"]["health_centre"]} >= {
        i.pk for i in library
    }
    assert data["cycle"]["year"] == world.cycle.year


def test_reference_data_names_villages_in_the_pages_language(client, world):
    client.force_login(world.facilitator)
    km = client.get("/km/field/reference.json").json()["villages"][0]["name"]
    en = client.get("/en/field/reference.json").json()["villages"][0]["name"]
    assert km.startswith("ភូមិ")
    assert en.endswith(" village")


def test_reference_data_refuses_others_in_json(client, world):
    response = client.get("/km/field/reference.json")
    assert response.status_code == 403
    assert response.json()["error"]


def test_a_facilitator_with_no_coverage_gets_empty_reference_data(client, world):
    other = cf.user_with_role(
        "lonely", kind=Role.Kind.FACILITATOR, organisation=cf.OrganisationFactory()
    )
    client.force_login(other)
    data = client.get("/km/field/reference.json").json()
    assert data["providers"] == [] and data["villages"] == []


def test_the_service_worker_keeps_the_app_shell(client, world):
    response = client.get("/km/field/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    shell = json.loads(body.split("const SHELL = ")[1].split(";\n")[0])
    assert shell[:3] == [
        "/km/field/",
        "/km/field/reference.json",
        "/km/field/manifest.webmanifest",
    ]
    assert static("field/field.js") in shell
    assert static("css/site.css") in shell


def test_each_language_has_its_own_worker_and_cache(client, world):
    km = client.get("/km/field/sw.js").content.decode()
    en = client.get("/en/field/sw.js").content.decode()
    version = "const VERSION = "
    assert km.split(version)[1][:14] != en.split(version)[1][:14]


def test_the_manifest_installs_the_app_at_its_address(client, world):
    manifest = client.get("/km/field/manifest.webmanifest").json()
    assert manifest["start_url"] == manifest["scope"] == "/km/field/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] == "កម្មវិធីការងារនៅមូលដ្ឋាន I-SAF"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
