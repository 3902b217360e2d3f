"""One sheet row into the rows a section service takes, through the forms.

Each figure is handed to the same form the section page uses, as the text a
person would have typed (`isaf.spreadsheets.cell_text`), so the one number
parser, the bounds and the cross-field checks (a project needs its cost, a
rate is at most 100) are the forms' own. Drop-down cells are matched to their
codes first: the list's text, the Khmer or English label, or the code itself.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from isaf.numbers import normalise_number_text
from isaf.spreadsheets import cell_text

from .layout import NO, YES, Column

_MISSING = object()


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


_CHOICES: dict[tuple, dict[str, object]] = {}


def choice_code(choices, text: str):
    """The code a drop-down cell names, or _MISSING."""
    key = tuple(v for v, _label in choices)
    lookup = _CHOICES.get(key)
    if lookup is None:
        lookup = {}
        for value, label in choices:
            with translation.override("km"):
                km = str(label)
            with translation.override("en"):
                en = str(label)
            # The code, either label, or the list's bilingual entry.
            for name in (str(value), km, en, f"{km} · {en}"):
                lookup[_fold(name)] = value
        _CHOICES[key] = lookup
    return lookup.get(_fold(text), _MISSING)


def yes_no(value):
    """True, False, None (empty) or _MISSING from a yes/no cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    found = choice_code(((True, YES), (False, NO)), cell_text(value))
    if found is not _MISSING:
        return found
    text = _fold(normalise_number_text(cell_text(value)))
    return {"1": True, "0": False, "true": True, "false": False}.get(text, _MISSING)


def _is_blank(value) -> bool:
    return value is None or cell_text(value) == ""


def _columns(layout, line) -> dict[str, Column]:
    return {c.name: c for c in layout.columns if c.line == line and c.is_read}


def _text(row, column: Column) -> str:
    return cell_text(row.cells.get(column.key, (None, ""))[0])


class FormPool:
    """One form of each kind, bound again for every row: thousands of rows are
    checked by the forms' own fields and clean() without building thousands of
    forms (building one deep-copies its fields)."""

    def __init__(self):
        self.forms = {}

    def bound(self, form_class, data: dict, *, initial=None, **kwargs):
        standard = (initial or {}).get("standard")
        key = (form_class, getattr(standard, "unit", None))
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = form_class(initial=initial or {}, **kwargs)
        form.is_bound = True
        form.data, form.files = data, {}
        form._errors = None
        form._bound_fields_cache = {}
        form.__dict__.pop("cleaned_data", None)
        return form


def _form_rows(row, form, columns: dict[str, Column], report) -> dict | None:
    if form.is_valid():
        return dict(form.cleaned_data)
    for name, messages in form.errors.items():
        column = columns.get(name)
        report(column, " ".join(messages))
    return None


def row_read(
    row, *, provider, villages: dict, errors: list, error, pool: FormPool
) -> list[dict]:
    """The section rows one sheet row stands for (none when it is wrong)."""
    layout = row.layout
    content = layout.section.content
    failed = []

    def report(column: Column | None, message: str):
        failed.append(True)
        value, letter = row.cells.get(column.key, (None, "")) if column else (None, "")
        errors.append(
            error(
                layout.title,
                row.number,
                letter,
                column.name_here() if column else "",
                cell_text(value),
                message,
            )
        )

    def data(columns: dict[str, Column]) -> dict:
        return {name: _text(row, column) for name, column in columns.items()}

    form_class = layout.form_class
    rows: list[dict] = []
    if content == "budget":
        for side, category in layout.section.budget_rows:
            columns = _columns(layout, (side, category))
            form = pool.bound(
                form_class, {"side": side, "category": category, **data(columns)}
            )
            cleaned = _form_rows(row, form, columns, report)
            if cleaned:
                rows.append(cleaned)
    elif content in ("staff", "enrolment"):
        lines = dict.fromkeys(
            c.line for c in layout.columns if c.name in ("female", "male")
        )
        for line in lines:
            columns = _columns(layout, line)
            form = pool.bound(form_class, {"key": str(line), **data(columns)})
            cleaned = _form_rows(row, form, columns, report)
            if cleaned:
                key = cleaned.pop("key")
                name = "category" if content == "staff" else "grade"
                rows.append({name: key if content == "staff" else int(key), **cleaned})
    elif content == "performance":
        for column in layout.columns:
            if column.standard is None:
                continue
            standard = column.standard
            columns = _columns(layout, standard.code)
            form = pool.bound(
                form_class,
                {"code": standard.code, **data(columns)},
                initial={"standard": standard},
            )
            cleaned = _form_rows(row, form, columns, report)
            if cleaned:
                rows.append(cleaned)
    else:
        rows = _free_or_facts(row, layout, data, report, villages, pool)
    return [] if failed else rows


def _free_or_facts(row, layout, data, report, villages, pool) -> list[dict]:
    content = layout.section.content
    columns = {c.name: c for c in layout.columns if c.is_read and c.name}
    if content != "facts" and all(
        _is_blank(row.cells.get(c.key, (None, ""))[0]) for c in columns.values()
    ):
        # A row with only its provider's code holds no line, as a blank row of
        # the section page's form holds none.
        return []
    values = data({n: c for n, c in columns.items() if c.kind in ("number", "text")})
    extra: dict = {}
    for name, column in columns.items():
        raw = row.cells.get(column.key, (None, ""))[0]
        if column.kind == "choice":
            text = cell_text(raw)
            code = choice_code(column.choices, text) if text else ""
            if code is _MISSING:
                report(column, _("Choose a value from the drop-down list."))
                code = ""
            values[name] = code
        elif column.kind == "yesno":
            answer = yes_no(raw)
            if answer is _MISSING:
                report(column, _("Choose Yes or No from the list."))
                answer = None
            if content == "facts":
                values[name] = {True: "true", False: "false"}.get(answer, "unknown")
            else:
                values[name] = "on" if answer else ""
        elif column.kind == "village":
            text = normalise_number_text(cell_text(raw))
            extra["village"] = None
            if text:
                village = villages.get(text.split()[0])
                if village is None:
                    report(column, _("Choose a village of this commune."))
                extra["village"] = village
    kwargs = {"villages": None} if content == "projects" else {}
    form = pool.bound(layout.form_class, values, **kwargs)
    cleaned = _form_rows(row, form, columns, report)
    if cleaned is None:
        return []
    cleaned.update(extra)
    return [cleaned]
