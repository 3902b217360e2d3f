"""The workspace's I4C pages: starting a package, editing its sections,
submitting it, recording dissemination meetings.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from communes import scopes
from communes.models import Village
from isaf import concurrency
from isaf.formatting import format_digits
from isaf.forms import add_service_errors

from .. import selectors, services
from ..forms import (
    ROW_FORMS,
    DisseminationForm,
    FactsForm,
    PackageCreateForm,
    SubmitForm,
    VersionForm,
)
from ..models import Package
from ..sections import Section, missing_sections, section_get, sections_for
from ..selectors.snapshots import package_snapshot, snapshot_totals


@login_required
@require_safe
def workspace(request: HttpRequest) -> HttpResponse:
    data = selectors.workspace_packages(user=request.user)
    form = PackageCreateForm(
        providers=selectors.providers_to_start(user=request.user).order_by(
            "kind", "code"
        ),
        years=data["start_years"],
        initial={"year": (data["start_years"] or [data["year"]])[0]},
    )
    return render(request, "i4c/workspace.html", {"i4c": data, "start_form": form})


@login_required
@require_POST
def package_start(request: HttpRequest) -> HttpResponse:
    # The posted choice is checked against the whole scope, not the offered list:
    # a provider the user may read but not author gets the service's reason.
    data = selectors.workspace_packages(user=request.user)
    form = PackageCreateForm(
        request.POST,
        providers=scopes.providers_for(request.user),
        years=data["start_years"],
    )
    if form.is_valid():
        try:
            package = services.package_create(
                user=request.user,
                provider=form.cleaned_data["provider"],
                year=form.cleaned_data["year"],
                copy_previous=form.cleaned_data["copy_previous"],
            )
        except PermissionDenied as refused:
            form.add_error("provider", " ".join(refused.args))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The package was created."))
            return redirect("i4c:package-detail", pk=package.pk)
    # Shown again with its errors, the form offers only what the user may start.
    form.fields["provider"].queryset = selectors.providers_to_start(
        user=request.user
    ).order_by("kind", "code")
    return render(
        request,
        "i4c/workspace.html",
        {"i4c": data, "start_form": form},
        status=400,
    )


def _sections_summary(package: Package) -> list[dict]:
    return [
        {"section": s, "url": reverse("i4c:package-section", args=[package.pk, s.key])}
        for s in sections_for(package.provider.kind)
    ]


@login_required
@require_safe
def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_user(user=request.user, pk=pk)
    snapshot = package_snapshot(package=package)
    return render(
        request,
        "i4c/package_detail.html",
        {
            "package": package,
            "sections": _sections_summary(package),
            "totals": snapshot_totals(snapshot),
            "can_edit": scopes.can_edit_provider(request.user, package.provider),
            "can_author": scopes.can_author_package(request.user, package.provider),
            "missing": missing_sections(package=package),
            "submit_form": SubmitForm(initial={"version": package.version}),
            "versions": package.versions.defer("snapshot").order_by("-number"),
            "events": selectors.dissemination_events_for(package=package),
        },
    )


def _formset_class(section: Section, initial_count: int):
    form = FactsForm if section.content == "facts" else ROW_FORMS[section.content]
    free_rows = section.content in ("projects", "fees", "hours")
    extra = max(3, 6 - initial_count) if free_rows else 0
    return formset_factory(form, extra=extra)


def _section_rows(section: Section, formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        row = dict(form.cleaned_data)
        if section.content == "staff":
            row["category"] = row.pop("key", None)
        elif section.content == "enrolment":
            row["grade"] = int(row.pop("key", 0) or 0)
        rows.append(row)
    return rows


def _row_labels(formset, initial: list[dict]) -> dict:
    """Each field's name in the merge view: its row's legend, then its label."""
    labels = {}
    for i, form in enumerate(formset.forms):
        row = initial[i] if i < len(initial) else {}
        legend = row.get("label") or _("Line %(n)s") % {"n": format_digits(i + 1)}
        for name, field in form.fields.items():
            labels[form.add_prefix(name)] = f"{legend} · {field.label or name}"
    return labels


def _read_only(formset) -> None:
    """Show a section to a reader: every field disabled, so that what is posted
    is ignored and the form shows what is saved."""
    for form in formset.forms:
        for field in form.fields.values():
            field.disabled = True


def _stale_message(stale, user) -> str:
    if stale.changed_by_id is not None and stale.changed_by_id == user.pk:
        return _(
            "You saved this section in another tab after you opened this form, so "
            "your changes here were not saved yet. Your figures are still on the "
            "form, with the other tab's changes merged in: check the list of "
            "changes and save again."
        )
    return _(
        "Someone else saved this package after you opened it, so "
        "your changes were not saved yet. Your figures are still on "
        "the form, with the other changes merged in: check the list "
        "of changes and save again."
    )


def _section_stale(request, stale, *, version_form, formset, FormSet, initial, kw):
    """The merge view of a refused section save: a re-shown, merged form."""
    data = request.POST.copy()
    if len(initial) > formset.total_form_count():
        # The other save added lines: give each of them a row on this form.
        data["rows-TOTAL_FORMS"] = str(len(initial))
        formset = FormSet(data, initial=initial, prefix="rows", form_kwargs=kw)
        formset.is_valid()
    read = concurrency.read_values(
        version_form.read_token,
        version=version_form.cleaned_data["version"],
    )
    merge, data = concurrency.merge_stale(
        formset, stale=stale, read=read, labels=_row_labels(formset, initial)
    )
    return (
        merge,
        VersionForm(data),
        FormSet(data, initial=initial, prefix="rows", form_kwargs=kw),
    )


@login_required
@require_http_methods(["GET", "POST"])
def package_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    package = selectors.package_get_for_user(user=request.user, pk=pk)
    # Whoever may read the package may open its sections, read-only unless they
    # author it; a reader's save is refused by the service (PermissionDenied).
    can_author = scopes.can_author_package(request.user, package.provider)
    current = section_get(key=section, kind=package.provider.kind)
    if current is None:
        raise Http404
    initial = selectors.section_initial(package=package, section=current)
    FormSet = _formset_class(current, len(initial))
    form_kwargs = {}
    if current.content == "projects":
        form_kwargs["villages"] = Village.objects.filter(
            commune_id=package.provider.commune_id
        ).order_by("name_km")
    status = 200
    merge = None
    if request.method == "POST":
        version_form = VersionForm(request.POST)
        formset = FormSet(
            request.POST, initial=initial, prefix="rows", form_kwargs=form_kwargs
        )
        if not can_author:
            _read_only(formset)
        if version_form.is_valid() and formset.is_valid():
            try:
                services.package_section_save(
                    package=package,
                    user=request.user,
                    version=version_form.cleaned_data["version"],
                    section_key=current.key,
                    rows=_section_rows(current, formset),
                )
            except services.StaleEdit as stale:
                # Keep everything the person typed, merge in what others saved
                # since, and show both where both changed a field.
                merge, version_form, formset = _section_stale(
                    request,
                    stale,
                    version_form=version_form,
                    formset=formset,
                    FormSet=FormSet,
                    initial=initial,
                    kw=form_kwargs,
                )
                messages.error(request, _stale_message(stale, request.user))
                status = 409
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
                status = 400
            else:
                messages.success(request, _("Saved as a draft."))
                return redirect("i4c:package-detail", pk=package.pk)
        else:
            status = 400
    else:
        formset = FormSet(initial=initial, prefix="rows", form_kwargs=form_kwargs)
        version_form = VersionForm(
            initial={
                "version": package.version,
                "read": concurrency.read_stamp(
                    version=package.version,
                    values=concurrency.shown_values(formset),
                ),
            }
        )
    if not can_author:
        _read_only(formset)
    rows = [
        (form, initial[i] if i < len(initial) else {})
        for i, form in enumerate(formset.forms)
    ]
    return render(
        request,
        "i4c/package_section.html",
        {
            "package": package,
            "section": current,
            "sections": _sections_summary(package),
            "formset": formset,
            "rows": rows,
            "version_form": version_form,
            "merge": merge,
            "can_author": can_author,
        },
        status=status,
    )


@login_required
@require_POST
def package_submit(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_user(user=request.user, pk=pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.package_submit(
            package=package, user=request.user, version=form.cleaned_data["version"]
        )
    except services.StaleEdit:
        messages.error(
            request,
            _(
                "This package changed after you opened this page (by someone else, "
                "or by you in another tab). Check it and submit again."
            ),
        )
    except PermissionDenied as refused:
        messages.error(request, " ".join(refused.args))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Submitted for review."))
    return redirect("i4c:package-detail", pk=package.pk)


@login_required
@require_http_methods(["GET", "POST"])
def dissemination_create(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_user(user=request.user, pk=pk)
    if not scopes.can_edit_provider(request.user, package.provider):
        raise PermissionDenied
    provider = package.provider
    villages = Village.objects.filter(commune__in=provider.commune_codes()).order_by(
        "name_km"
    )
    cafs = selectors.cafs_for(user=request.user)
    form = DisseminationForm(request.POST or None, villages=villages, cafs=cafs)
    if request.method == "POST" and form.is_valid():
        data = {k: (v if v is not None else 0) for k, v in form.cleaned_data.items()}
        data["caf"] = form.cleaned_data["caf"]
        try:
            services.dissemination_event_create(
                package=package, user=request.user, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The dissemination meeting was recorded."))
            return redirect("i4c:package-detail", pk=package.pk)
    return render(
        request,
        "i4c/dissemination_form.html",
        {"package": package, "form": form},
        status=400 if form.is_bound else 200,
    )
