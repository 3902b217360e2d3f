"""Every upload and every export is declared here with the tests that try it
with hostile input, found from the URL resolver and the admin: a new upload or
export fails this test until it is declared (and so tested).

An upload is a view whose code reads `request.FILES`, or a model in the admin
with a file field. An export is a route whose address ends in .csv, .xlsx or
.json, or whose view hands out a file through the export writer
(`isaf.exports`) or an openpyxl workbook.
"""

import inspect
import re
from pathlib import Path

from django.contrib import admin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent

# Route name -> the tests that send it hostile files (path::function).
UPLOADS = {
    "i4c:workbook-upload": [
        "i4c/tests/test_hostile_workbook.py::"
        "test_every_hostile_workbook_is_refused_in_khmer_and_nothing_imported",
        "i4c/tests/test_hostile_workbook.py::"
        "test_a_bad_amount_is_refused_by_its_row_and_nothing_is_imported",
    ],
    "scorecards:import": [
        "scorecards/tests/test_hostile_sheet.py::"
        "test_every_hostile_sheet_is_refused_in_khmer_and_no_vote_changes",
        "scorecards/tests/test_hostile_sheet.py::"
        "test_a_bad_vote_is_refused_by_its_row_and_no_vote_changes",
    ],
    "scorecards:voice": [
        "scorecards/tests/test_audio.py::"
        "test_a_bad_upload_is_refused_beside_the_field_in_khmer",
    ],
    "scorecards:voice-library": [
        "isaf/tests/test_audio.py::"
        "test_it_refuses_a_file_that_is_not_opus_sound_whatever_its_name",
    ],
    # A JAAP action's follow-up with its evidence (storage and type checks live
    # with the evidence).
    "scorecards:action": [
        "scorecards/tests/test_views.py::"
        "test_an_evidence_upload_of_the_wrong_type_is_refused_beside_the_field",
        "scorecards/tests/test_views.py::"
        "test_an_evidence_upload_that_is_too_large_is_refused",
    ],
}
# Models with a file field, edited in the admin -> their hostile-file tests.
ADMIN_UPLOADS = {
    "portal.document": [
        "portal/tests/test_documents.py::test_a_program_renamed_to_pdf_is_refused",
        "portal/tests/test_documents.py::"
        "test_a_file_over_the_limit_is_refused_with_its_size_in_khmer",
    ],
    "scorecards.jaapfollowup": [
        "scorecards/tests/test_services.py::"
        "test_evidence_of_the_wrong_type_is_refused_whatever_its_name",
        "scorecards/tests/test_services.py::test_evidence_that_is_too_large_is_refused",
    ],
}
# Route name -> the tests that put formula-like text into what it exports.
EXPORTS = {
    "i4c:commune-csv": [
        "i4c/tests/test_open_data.py::test_the_commune_csv_writes_formulas_as_text",
        "i4c/tests/test_open_data.py::test_the_csv_keeps_figures_as_numbers",
    ],
    "i4c:national-csv": [
        "i4c/tests/test_open_data.py::test_the_national_csv_writes_formulas_as_text",
    ],
    # JSON is data, not a spreadsheet: it keeps every value exactly as typed.
    "i4c:commune-json": [
        "i4c/tests/test_open_data.py::test_the_json_holds_every_project_as_typed",
    ],
    "scorecards:public-csv": [
        "scorecards/tests/test_open_data.py::"
        "test_the_scorecard_csv_writes_formula_indicator_names_as_text",
        "scorecards/tests/test_open_data.py::"
        "test_the_scorecard_csv_writes_formula_actions_as_text",
    ],
    "scorecards:sheet": [
        "scorecards/tests/test_sheet_template_safety.py::"
        "test_an_indicator_named_like_a_formula_is_text_in_the_template",
    ],
    # Every dashboard page hands out its tables as CSV and XLSX (?export=).
    **{
        name: [
            "dashboard/tests/test_exports.py::"
            "test_the_dashboard_csv_writes_formulas_as_text_and_every_row",
            "dashboard/tests/test_exports.py::test_the_dashboard_xlsx_holds_no_formula",
            "dashboard/tests/test_exports.py::"
            "test_a_partner_named_like_a_formula_downloads_as_text",
        ]
        for name in ("dashboard:home", "dashboard:map", "dashboard:coverage")
    },
    "i4c:workbook-download": [
        "i4c/tests/test_workbook_formulas.py::"
        "test_names_like_formulas_are_text_in_the_workbook_and_numbers_stay_numbers",
    ],
    "i4c:workbook-export": [
        "i4c/tests/test_workbook_formulas.py::"
        "test_names_like_formulas_are_text_in_the_workbook_and_numbers_stay_numbers",
    ],
    # The field app's own data, read by its JavaScript, never by a spreadsheet.
    "field:reference": [],
}
EXPORT_ADDRESS = re.compile(r"\.(csv|xlsx|json)\$?$")
EXPORT_CODE = re.compile(
    r"csv_response|xlsx_response|export_response|XLSX_TYPE|text/csv|Workbook\("
    r"|workbook_export|sheet_template|JsonResponse\(reference"
)


def routes(resolver=None, prefix="", namespace=""):
    """(name, address pattern, view function) of every named route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from routes(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            view = inspect.unwrap(entry.callback)
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), view


def _source(function) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def source(view) -> str:
    """The view's code and that of the helpers of its module that it calls (a
    view often binds its form or writes its export in a small helper)."""
    code = _source(view)
    module = inspect.getmodule(view)
    helpers = [
        _source(value)
        for key, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module.__name__
        and value is not view
        and re.search(rf"\b{re.escape(key)}\(", code)
    ]
    return "\n".join([code, *helpers])


def found_uploads() -> set[str]:
    return {
        name
        for name, _, view in routes()
        if "request.FILES" in source(view) and not name.startswith("admin:")
    }


def found_exports() -> set[str]:
    return {
        name
        for name, address, view in routes()
        if not name.startswith("admin:")
        and (EXPORT_ADDRESS.search(address) or EXPORT_CODE.search(source(view)))
    }


def assert_tests_exist(declared: dict[str, list[str]]) -> None:
    for name, tests in declared.items():
        for test in tests:
            path, function = test.split("::")
            text = (ROOT / path).read_text()
            assert not function or f"def {function}(" in text, (name, test)


def test_every_upload_is_declared_with_its_hostile_tests():
    assert found_uploads() == set(UPLOADS)
    assert_tests_exist(UPLOADS)


def test_every_model_with_a_file_in_the_admin_is_declared():
    with_files = {
        model._meta.label_lower
        for model in admin.site._registry
        if any(isinstance(f, models.FileField) for f in model._meta.get_fields())
    }
    assert with_files == set(ADMIN_UPLOADS)
    assert_tests_exist(ADMIN_UPLOADS)


def test_every_export_is_declared_with_its_formula_tests():
    assert found_exports() == set(EXPORTS)
    assert_tests_exist(EXPORTS)
