"""Django's own strings in Khmer: form errors, sign-in, passwords, the CSRF page.

These tests read the compiled catalogue (`locale/km/LC_MESSAGES/django.mo`), which
the build makes with `compilemessages` before the tests run.
"""

import ast
import gettext
import os
import re
import shutil
from pathlib import Path

import django
import pytest
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.utils import translation

import isaf.django_strings

pytestmark = pytest.mark.django_db

KHMER = re.compile("[\u1780-\u17ff]")
DJANGO_DIR = Path(django.__file__).parent
PO_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def _po_entries(text: str) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, msgid_plural) of every entry in a PO file but its header."""
    entries, current, key = [], {}, None

    def flush():
        if current.get("msgid"):
            entries.append(
                (current.get("msgctxt"), current["msgid"], current.get("msgid_plural"))
            )
        current.clear()

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if "msgid" in current and "msgstr" in current:
                flush()
            continue
        match = PO_LINE.match(line)
        if match:
            key = match.group(1)
            if key == "msgctxt" or (key == "msgid" and "msgstr" in current):
                flush()
            key = "msgstr" if key.startswith("msgstr") else key
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    flush()
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What `makemessages -l km` pulls out of isaf/django_strings.py."""
    if shutil.which("xgettext") is None:
        pytest.fail("makemessages needs GNU gettext (xgettext) installed")
    root = tmp_path_factory.mktemp("messages")
    (root / "strings").mkdir()
    shutil.copy(isaf.django_strings.__file__, root / "strings" / "django_strings.py")
    (root / "locale").mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(root)
        with override_settings(LOCALE_PATHS=[root / "locale"]):
            call_command("makemessages", locale=["km"], verbosity=0)
    finally:
        os.chdir(cwd)
    po = root / "locale" / "km" / "LC_MESSAGES" / "django.po"
    return po.read_text("utf-8"), _po_entries(po.read_text("utf-8"))


def test_makemessages_keeps_every_listed_string_with_its_plural_form(extracted):
    text, entries = extracted

    singular = [e for e in entries if e[2] is None]
    plural = [e for e in entries if e[2] is not None]
    assert len(singular) == len(isaf.django_strings.SINGULAR)
    assert len(plural) == len(isaf.django_strings.PLURAL)
    assert {msgid for _, msgid, _ in singular} == set(isaf.django_strings.SINGULAR)
    assert (
        None,
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
    ) in plural
    # Khmer has one plural form; Django's own Khmer header is copied in.
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text


def test_every_listed_string_is_one_django_really_uses(extracted):
    # Django's English catalogues list every string its code marks; a string we
    # keep that is not there any more (after an upgrade) would be dead weight.
    django_entries = set()
    for po in [
        DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
        DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]:
        django_entries |= set(_po_entries(po.read_text("utf-8")))
    _, entries = extracted

    assert set(entries) - django_entries == set()


def test_every_listed_string_has_khmer_in_our_catalogue(extracted):
    _, entries = extracted
    untranslated = []
    with translation.override("km"):
        for context, msgid, plural in entries:
            if plural:
                khmer = translation.ngettext(msgid, plural, 1)
            elif context:
                khmer = translation.pgettext(context, msgid)
            else:
                khmer = translation.gettext(msgid)
            if khmer == msgid or not KHMER.search(khmer):
                untranslated.append(msgid)

    assert untranslated == []


@pytest.mark.parametrize(
    ("msgid", "ours", "djangos"),
    [
        ("Enter a whole number.", "សូមបញ្ចូលចំនួនគត់។", "បំពេញចំនួនទាំងអស់។"),
        ("Delete", "លុប", "លប់"),
        ("Password", "ពាក្យសម្ងាត់", "ពាក្យសំងាត់"),
    ],
)
def test_our_catalogue_corrects_djangos_wrong_khmer(msgid, ours, djangos):
    bundled = gettext.GNUTranslations(
        (DJANGO_DIR / "conf/locale/km/LC_MESSAGES/django.mo").open("rb")
    )
    bundled_auth = gettext.GNUTranslations(
        (DJANGO_DIR / "contrib/auth/locale/km/LC_MESSAGES/django.mo").open("rb")
    )
    bundled.add_fallback(bundled_auth)

    with translation.override("km"):
        assert translation.gettext(msgid) == ours
    assert bundled.gettext(msgid) == djangos


# A form as our pages render it, on a Khmer and an English request.


class HouseholdForm(forms.Form):
    village = forms.CharField(label="Village", max_length=20)
    households = forms.IntegerField(label="Households", min_value=0)
    budget = forms.DecimalField(label="Budget", max_digits=6, decimal_places=0)


def household_view(request: HttpRequest) -> HttpResponse:
    form = HouseholdForm(request.POST)
    form.is_valid()
    page = Template("<form method='post'>{% csrf_token %}{{ form }}</form>")
    return HttpResponse(page.render(RequestContext(request, {"form": form})))


urlpatterns = i18n_patterns(path("household/", household_view))


@pytest.fixture
def form_urls(settings):
    settings.ROOT_URLCONF = __name__


BAD_INPUT = {"village": "", "households": "many", "budget": "1.5"}


def test_a_khmer_request_shows_form_errors_in_khmer(client, form_urls):
    html = client.post("/km/household/", BAD_INPUT).content.decode()

    assert "ត្រូវតែបំពេញប្រអប់នេះ។" in html  # required
    assert "សូមបញ្ចូលចំនួនគត់។" in html  # not an integer
    assert "ចំនួននេះមិនត្រូវមានខ្ទង់ទសភាគលើសពី 0 ទេ។" in html  # decimal places
    assert "Village៖</label>" in html  # the Khmer colon after a label
    assert "This field is required." not in html
    assert "Enter a whole number." not in html


def test_an_english_request_keeps_djangos_english(client, form_urls):
    html = client.post("/en/household/", BAD_INPUT).content.decode()

    assert "This field is required." in html
    assert "Enter a whole number." in html
    assert "Village:</label>" in html
    assert not KHMER.search(html)


def test_limits_on_values_and_lengths_read_in_khmer(client, form_urls):
    html = client.post(
        "/km/household/", {"village": "ក" * 25, "households": "-3", "budget": "5"}
    ).content.decode()

    assert "តម្លៃនេះត្រូវមានយ៉ាងច្រើន 20 តួអក្សរ (ឥឡូវមាន 25)។" in html
    assert "តម្លៃនេះត្រូវតែធំជាង ឬស្មើ 0។" in html


def test_the_csrf_failure_page_is_in_khmer(form_urls):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/km/household/", BAD_INPUT)

    html = response.content.decode()
    assert response.status_code == 403
    assert "ការផ្ទៀងផ្ទាត់សុវត្ថិភាព (CSRF) បានបរាជ័យ។" in html
    assert "CSRF verification failed" not in html


# Sign-in and passwords.


def test_a_failed_sign_in_is_explained_in_khmer():
    User.objects.create_user(username="councillor", password="right-password-1")
    request = RequestFactory().post("/km/accounts/login/")

    with translation.override("km"):
        form = AuthenticationForm(
            request, data={"username": "councillor", "password": "wrong"}
        )
        assert not form.is_valid()
        errors = form.non_field_errors()

    assert errors == [
        "សូមបញ្ចូលឈ្មោះអ្នកប្រើប្រាស់ និងពាក្យសម្ងាត់ឱ្យបានត្រឹមត្រូវ។ "
        "សូមចំណាំថា ប្រអប់ទាំងពីរអាចបែងចែកអក្សរធំ និងអក្សរតូច។"
    ]


def test_a_weak_new_password_is_refused_in_khmer():
    user = User.objects.create_user(username="sokha", password="right-password-1")

    with translation.override("km"):
        form = SetPasswordForm(
            user, data={"new_password1": "12345", "new_password2": "12345"}
        )
        assert not form.is_valid()
        errors = form.errors["new_password2"]
        mismatch = SetPasswordForm(
            user, data={"new_password1": "a-b-c-d-e-f", "new_password2": "x-y-z"}
        )
        assert not mismatch.is_valid()

    # The number in the page's digits (isaf.passwords).
    assert "ពាក្យសម្ងាត់នេះខ្លីពេក។ វាត្រូវមានយ៉ាងតិច ១០ តួអក្សរ។" in errors
    assert "ពាក្យសម្ងាត់នេះគេប្រើញឹកញាប់ពេក។" in errors
    assert "ពាក្យសម្ងាត់នេះមានតែលេខសុទ្ធ។" in errors
    assert mismatch.errors["new_password2"] == ["ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។"]


def test_the_password_rules_are_listed_in_khmer():
    with translation.override("km"):
        rules = password_validation.password_validators_help_texts()

    assert "ពាក្យសម្ងាត់របស់អ្នកត្រូវមានយ៉ាងតិច ១០ តួអក្សរ។" in rules
    assert all(KHMER.search(rule) for rule in rules)
