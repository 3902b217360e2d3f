"""Building blocks for printing tests: published packages and PDF inspection."""

import re
import subprocess
from pathlib import Path

from django.urls import reverse

from communes.models import ServiceProvider
from communes.tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ServiceProviderFactory,
)
from i4c.models import OpeningHours, ServiceFee, StaffCount
from i4c.posters import COMMUNE_A3
from i4c.tests.factories import CommuneAdministrationFactory, PackageFactory
from i4c.tests.helpers import full_commune_package, publish_directly
from printing.models import PrintBatch
from printing.services import print_batch_request

MM = 72 / 25.4  # PDF points per millimetre


def khmer_commune(**kwargs):
    kwargs.setdefault("name_km", "ក្រង់តេះ")
    kwargs.setdefault("name_latin", "Krang Teh")
    return CommuneFactory(**kwargs)


def published_commune_package(*, commune=None, year=2025):
    commune = commune or khmer_commune()
    provider = CommuneAdministrationFactory(commune=commune)
    package = full_commune_package(provider=provider, year=year)
    ServiceFee.objects.create(
        package=package,
        service="សំបុត្រកំណើត",
        fee=0,
        processing_time="១ ថ្ងៃ",
    )
    publish_directly(package)
    package.refresh_from_db()
    return package


def published_health_centre_package(*, commune, year=2025):
    provider = ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE,
        commune=commune,
        name_km="មណ្ឌលសុខភាពក្រង់តេះ",
        name_en="Krang Teh health centre",
    )
    package = PackageFactory(provider=provider, year=year)
    ServiceFee.objects.create(
        package=package, service="ការពិនិត្យផ្ទៃពោះ", fee=0, exemptions="ID-Poor"
    )
    OpeningHours.objects.create(
        package=package, service="ការសម្រាលកូន", hours="", is_24_hour=True
    )
    StaffCount.objects.create(package=package, category="midwife", female=3, male=0)
    publish_directly(package)
    package.refresh_from_db()
    return package


def district_with_communes(n: int, *, year=2025):
    district = DistrictFactory()
    packages = [
        published_commune_package(
            commune=CommuneFactory(district=district, name_km=f"ឃុំទី{i}"), year=year
        )
        for i in range(n)
    ]
    return district, packages


def district_batch(district, document=COMMUNE_A3, *, user=None, lang="km"):
    """Request `document` for every commune of `district`, as `user`, or as the
    system (the `render_posters` command) when there is no user."""
    return print_batch_request(
        user=user,
        document=document,
        scope=PrintBatch.Scope.DISTRICT,
        code=district.code,
        lang=lang,
        system=user is None,
    )


def press_print(client, document, target, lang):
    """Press a page's print button: ask for `document` of `target` in `lang`."""
    return client.post(
        reverse("printing:request"),
        {"document": document, "target": target, "lang": lang},
    )


def pdf_info(path: Path) -> dict:
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out).groups()
    pages = int(re.search(r"Pages:\s+(\d+)", out).group(1))
    return {
        "width_mm": float(width) / MM,
        "height_mm": float(height) / MM,
        "pages": pages,
    }
