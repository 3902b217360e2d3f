"""A reviewer's comment and a correction's reason have a length people can see."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from i4c import services
from i4c.forms import PublishForm, ReturnForm
from i4c.models import Package

from .factories import PackageFactory, councillor_for, reviewer_for
from .filling import submit_filled

pytestmark = pytest.mark.django_db
LONG = "ក" * 100_000


def submitted():
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    submit_filled(package, user)
    return package


def test_a_return_comment_of_100000_characters_is_refused():
    package = submitted()
    with pytest.raises(ValidationError):
        services.package_return(package=package, user=reviewer_for(), comment=LONG)
    package.refresh_from_db()
    assert package.status == Package.Status.SUBMITTED
    assert package.review_comment == ""


def test_a_correction_reason_of_100000_characters_is_refused():
    package = submitted()
    with pytest.raises(ValidationError):
        services.package_publish(package=package, user=reviewer_for(), reason=LONG)
    package.refresh_from_db()
    assert package.published_version is None


def test_the_return_form_shows_its_limit_in_khmer_digits():
    with translation.override("km"):
        html = str(ReturnForm()["comment"].as_field_group())
    assert 'maxlength="2000"' in html
    assert "២.០០០" in html


def test_the_publish_form_shows_its_limit_in_english():
    with translation.override("en"):
        html = str(PublishForm()["reason"].as_field_group())
    assert "At most 2,000 characters." in html
