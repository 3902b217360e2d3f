"""Every text box of every admin page the secretariat can write: names and
titles typed there reach public pages and posters, so they follow the same rule
for typed text as the portal's forms (isaf.text)."""

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from communes.tests.factories import UserFactory
from tests import quality
from tests.hostile import TEXT_REFUSED, XSS

pytestmark = pytest.mark.django_db
# Typed by the system, never by a person, or checked by their own rule.
NOT_TYPED_TEXT = {"password", "password1", "password2"}


def _text_boxes(request):
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_change_permission(request):
            continue
        # Django's own admins (groups): names only staff ever see.
        if type(model_admin).__module__.startswith("django."):
            continue
        form = model_admin.get_form(request)
        for name, field in form.base_fields.items():
            plain = isinstance(field, forms.CharField) and not isinstance(
                field, forms.EmailField | forms.URLField | forms.SlugField
            )
            if plain and name not in NOT_TYPED_TEXT and not field.disabled:
                yield f"{model._meta.label}.{name}", field


def test_every_admin_text_box_refuses_bidi_controls_and_broken_characters():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    boxes = list(_text_boxes(request))
    names = {name for name, _field in boxes}
    assert {"communes.CAF.name", "portal.Document.title_km"} <= names
    tried, wrong = 0, []
    for name, field in boxes:
        for typed, _code in TEXT_REFUSED.items():
            tried += 1
            try:
                field.clean(typed)
            except ValidationError:
                continue
            wrong.append((name, typed))
        for typed in XSS[:2]:
            tried += 1
            try:
                field.clean(typed)
            except ValidationError as error:
                # A code or a username has its own rule: not this one's refusal.
                if {"bidi", "control", "unreadable"} & {
                    e.code for e in error.error_list
                }:
                    wrong.append((name, typed))
    quality.record("hostile.tried", tried)
    quality.record("hostile.accepted_wrongly", len(wrong))
    assert wrong == []


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        " javascript:alert(1)",
    ],
)
def test_every_admin_link_box_refuses_a_script_address(typed):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    boxes = [
        (model, field)
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_change_permission(request)
        for field in model_admin.get_form(request).base_fields.values()
        if isinstance(field, forms.URLField)
    ]
    assert boxes, "the document library's link box is found"
    quality.record("hostile.tried", len(boxes))
    for _model, field in boxes:
        with pytest.raises(ValidationError):
            field.clean(typed)
