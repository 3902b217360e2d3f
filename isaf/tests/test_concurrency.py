"""The one optimistic-concurrency mechanism, without any app."""

import pytest
from django import forms

from isaf import concurrency


class PlaceForm(concurrency.VersionForm):
    name = forms.CharField(required=False)
    women = forms.IntegerField(required=False)
    men = forms.IntegerField(required=False)


SAVED_NOW = {"version": 3, "name": "Srae", "women": 12, "men": 9}
READ = {"name": "Srae", "women": 10, "men": 9}


def stale_form(posted: dict, *, stamp=None):
    if stamp is None:
        stamp = concurrency.read_stamp(version=2, values=READ)
    form = PlaceForm({"version": "2", "read": stamp, **posted}, initial=SAVED_NOW)
    assert form.is_valid()
    return form


def merged_at_version_3(form):
    """The merge of a form read at version 2 with what version 3 saved."""
    return concurrency.merge_stale(
        form,
        stale=concurrency.StaleEdit(3),
        read=concurrency.read_values(form.read_token, version=2),
    )


@pytest.mark.parametrize(
    "read, changed, current, refused",
    [
        (3, 3, 3, False),
        (2, 3, 3, True),
        (None, 3, 3, True),
        ("x", 3, 3, True),
        (2, 1, 3, False),  # another section moved the record on
        (4, 3, 3, True),  # a version from the future is not believed
    ],
)
def test_a_form_is_stale_only_when_its_part_changed_after_it_was_read(
    read, changed, current, refused
):
    call = lambda: concurrency.check_read(  # noqa: E731
        read_version=read, current_version=current, changed_version=changed
    )
    if refused:
        with pytest.raises(concurrency.StaleEdit) as error:
            call()
        assert error.value.current_version == current
    else:
        call()


def test_the_merge_takes_their_change_and_keeps_yours():
    form = stale_form({"name": "Srae Thom", "women": "10", "men": "9"})
    merge, data = merged_at_version_3(form)
    assert data["name"] == "Srae Thom"  # only this user changed it
    assert data["women"] == "12"  # only the other person changed it
    assert data["version"] == "3"
    assert [(f.key, f.taken) for f in merge.fields] == [("women", True)]


def test_a_field_both_changed_keeps_yours_and_shows_both():
    form = stale_form({"name": "Srae", "women": "11", "men": "9"})
    merge, data = merged_at_version_3(form)
    assert data["women"] == "11"
    (women,) = merge.conflicts
    assert (women.yours, women.saved) == (11, 12)


def test_the_new_stamp_holds_what_is_saved_now():
    form = stale_form({"name": "Srae", "women": "11", "men": "9"})
    _merge, data = concurrency.merge_stale(
        form, stale=concurrency.StaleEdit(3), read=None
    )
    assert concurrency.read_values(data["read"], version=3) == {
        "name": "Srae",
        "women": 12,
        "men": 9,
    }


def test_a_tampered_or_older_stamp_is_not_believed():
    stamp = concurrency.read_stamp(version=2, values=READ)
    assert concurrency.read_values(stamp + "x", version=2) is None
    assert concurrency.read_values(stamp, version=3) is None


def test_services_never_receive_the_stamp():
    form = stale_form({"name": "Srae", "women": "11", "men": "9"})
    assert "read" not in form.cleaned_data
    assert form.read_token
