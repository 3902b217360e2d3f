"""Helpers for tests of the I4C workbook: export, edit a cell as a person would
in a spreadsheet program, and read it back."""

import io
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from communes.tests.factories import demo_gazetteer
from i4c.workbook import workbook_check, workbook_export, workbook_providers
from i4c.workbook.layout import KEY_ROW


def load_demo_data():
    """The demo, as `load_demo` makes it (places, providers, users, packages)."""
    demo_gazetteer()
    call_command("load_demo_communes", stdout=StringIO())
    call_command("load_demo_i4c", stdout=StringIO())


def load_small_demo(year=2025):
    """The demo's places, providers and users, with a few draft packages made
    through the services (faster than the whole demo, which publishes)."""
    from django.contrib.auth import get_user_model

    from communes.models import ServiceProvider
    from i4c import services

    from .filling import fill_required

    demo_gazetteer()
    call_command("load_demo_communes", stdout=StringIO())
    ncdd = get_user_model().objects.get(username="ncdd")
    for code in ("C110401", "C020801", "HC11040101", "PS11040101"):
        package = services.package_create(
            user=ncdd, provider=ServiceProvider.objects.get(code=code), year=year
        )
        fill_required(package, ncdd)


def exported(*, year, district="", province="", providers=None) -> bytes:
    return workbook_export(
        providers=workbook_providers(
            year=year, providers=providers, district=district, province=province
        ),
        year=year,
    )


def edited(data: bytes, edits) -> bytes:
    """The workbook with cells changed: edits are (sheet, code or row number,
    column key, value); a code names the provider's first row in that sheet."""
    workbook = load_workbook(io.BytesIO(data))
    for title, where, key, value in edits:
        sheet = workbook[title]
        keys = [c.value for c in sheet[KEY_ROW]]
        column = keys.index(key) + 1 if key in keys else len(keys) + 1
        if isinstance(where, int):
            row = where
        else:
            row = next(
                r
                for r in range(KEY_ROW + 1, sheet.max_row + 1)
                if sheet.cell(row=r, column=1).value == where
            )
        sheet.cell(row=row, column=column).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def delete_column(data: bytes, title: str, key: str) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[title]
    keys = [c.value for c in sheet[KEY_ROW]]
    sheet.delete_cols(keys.index(key) + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name="i4c.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def check(data: bytes, user):
    return workbook_check(file=io.BytesIO(data), user=user)


def messages(plan) -> list[str]:
    return [str(error) for error in plan.errors]
