"""Every address README.md names answers, on the demo that `make run` loads.

Addresses are read from README's code spans (`/km/communes/<code>/`): each
placeholder is filled from the demo, `<lang>` in both languages, and the page is
asked for as a citizen, or signed in as the secretariat where it needs a
sign-in. A page that answers 404, or a server error, fails the test.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from i4c.models import Package
from scorecards.models import Scorecard

README = Path(settings.BASE_DIR) / "README.md"
ADDRESS = re.compile(r"`(/[^`\s]*)`")
SIGNED_IN = ("/dashboard/", "/printing/", "/workspace/", "/admin/", "/notifications/")
# The field app is the facilitators' own.
FACILITATOR = ("/field/",)
# Not addresses of the portal: the Telegram bot's commands, and the web server's
# internal location for stored files (README's nginx lines).
NOT_ADDRESSES = ("/start", "/follow", "/stop")

pytestmark = pytest.mark.django_db


def readme_addresses() -> list[str]:
    return sorted(
        address
        for address in set(ADDRESS.findall(README.read_text()))
        if address not in NOT_ADDRESSES and not address.startswith("/_")
    )


def test_readme_names_the_addresses_people_use():
    addresses = readme_addresses()
    assert "/km/printing/" in addresses
    assert "/<lang>/scorecards/<id>/" in addresses


def test_every_address_in_the_readme_answers(client):
    call_command("load_gazetteer", verbosity=0)
    call_command("load_demo", verbosity=0)
    package = Package.objects.filter(
        provider__code="C110401", published_version__isnull=False
    ).latest("year")
    values = {
        "<code>": package.provider.commune_id,
        "<year>": str(package.year),
        "<id>": str(Scorecard.objects.filter(status="published").first().pk),
        "<role>": "citizen",
    }
    secretariat = get_user_model().objects.get(username="ncdd")
    facilitator = get_user_model().objects.get(username="facilitator")
    answers = {}
    for address in readme_addresses():
        for lang in ("km", "en"):
            url = address.replace("<lang>", lang)
            for placeholder, value in values.items():
                url = url.replace(placeholder, value)
            assert "<" not in url, f"README names {address}: fill in its placeholder"
            client.logout()
            if any(part in url for part in SIGNED_IN):
                client.force_login(secretariat)
            if any(part in url for part in FACILITATOR):
                client.force_login(facilitator)
            response = client.get(url, follow=True)
            answers[url] = response.status_code
    assert {url: status for url, status in answers.items() if status != 200} == {}
