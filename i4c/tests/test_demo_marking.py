"""Demo data never passes for a real commune's figures, on the board or on paper."""

import pytest

from communes.models import ServiceProvider
from communes.tests.factories import ServiceProviderFactory
from isaf.pdf import render_html
from printing import registry

from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db

NOTE = "Demo data, made up to show how the portal works"


def _published(*, is_demo: bool):
    provider = ServiceProviderFactory(
        kind=ServiceProvider.Kind.COMMUNE, code="C990101", is_demo=is_demo
    )
    package = full_commune_package(provider=provider)
    publish_directly(package)
    return package


def test_a_demo_commune_board_says_it_is_demo_data(client):
    commune = _published(is_demo=True).provider.commune
    html = client.get(f"/en/communes/{commune.code}/").content.decode()
    assert NOTE in html
    assert "ទិន្នន័យសាកល្បង" in client.get(f"/km/communes/{commune.code}/").content.decode()


def test_a_real_commune_board_has_no_demo_note(client):
    commune = _published(is_demo=False).provider.commune
    html = client.get(f"/en/communes/{commune.code}/").content.decode()
    assert NOTE not in html


@pytest.mark.parametrize("is_demo", [True, False])
def test_the_commune_poster_says_so_only_for_demo_data(is_demo):
    package = _published(is_demo=is_demo)
    source = registry.document_get("i4c.commune_a3").source(str(package.pk), "en")
    html = render_html(template=source.template, context=source.context, lang="en")
    assert (NOTE in html.replace("\u200b", "")) is is_demo
