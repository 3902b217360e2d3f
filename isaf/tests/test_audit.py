"""The audit trail: what services record, and how the secretariat reads it."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from isaf.audit import audit_changes, audit_entries_for, audit_record
from isaf.models import AuditEntry
from portal.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create_user(username="srey", password="x" * 12)


@pytest.fixture
def document():
    return Document.objects.create(
        slug="audit-test", title_km="ឯកសារសាកល្បង", title_en="Test document"
    )


def test_it_records_who_did_what_to_which_object_and_why(user, document):
    entry = audit_record(
        user=user,
        action="document_update",
        instance=document,
        changes={"year": [None, 2017]},
        reason="The title gives the year.",
    )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.user == user
    assert stored.action == "document_update"
    assert stored.content_type == ContentType.objects.get_for_model(Document)
    assert stored.object_id == str(document.pk)
    assert stored.object_repr == str(document)
    assert stored.changes == {"year": [None, 2017]}
    assert stored.reason == "The title gives the year."
    assert stored.created_at is not None


@pytest.mark.parametrize("who", [None, AnonymousUser()])
def test_a_write_by_the_system_is_recorded_without_a_user(who, document):
    entry = audit_record(user=who, action="seed", instance=document)

    assert AuditEntry.objects.get(pk=entry.pk).user is None


def test_it_refuses_to_record_an_unsaved_object(user):
    with pytest.raises(ValueError):
        audit_record(user=user, action="create", instance=Document(slug="x"))
    assert AuditEntry.objects.count() == 0


def test_it_refuses_an_entry_without_an_action(user, document):
    with pytest.raises(ValueError):
        audit_record(user=user, action="", instance=document)


def test_a_long_representation_is_cut_to_fit(user):
    long_title = "ក" * 400
    document = Document.objects.create(
        slug="long", title_km=long_title, title_en="Long"
    )

    entry = audit_record(user=user, action="create", instance=document)

    assert entry.object_repr == long_title[:200]


def test_changes_list_only_the_fields_that_differ():
    before = {"status": "draft", "version": 1, "note": "same"}
    after = {"status": "submitted", "version": 2, "note": "same"}

    assert audit_changes(before=before, after=after) == {
        "status": ["draft", "submitted"],
        "version": [1, 2],
    }


def test_a_field_on_one_side_only_is_a_change_from_or_to_none():
    changes = audit_changes(before={"removed": "x"}, after={"added": 5})

    assert changes == {"added": [None, 5], "removed": ["x", None]}


def test_changes_are_json_safe_and_keep_every_digit_of_money():
    changes = audit_changes(
        before={
            "amount": Decimal("1234567.00"),
            "published_on": datetime.date(2026, 3, 5),
            "at": datetime.datetime(2026, 3, 5, 9, 30, tzinfo=datetime.UTC),
        },
        after={
            "amount": Decimal("99999999999.50"),
            "published_on": datetime.date(2026, 3, 6),
            "at": datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC),
        },
    )

    assert changes == {
        "amount": ["1234567.00", "99999999999.50"],
        "at": ["2026-03-05T09:30:00+00:00", "2026-03-05T10:00:00+00:00"],
        "published_on": ["2026-03-05", "2026-03-06"],
    }
    # Plain json must accept it: no encoder tricks needed by the caller.
    assert json.loads(json.dumps(changes)) == changes


def test_equal_values_of_different_types_are_not_a_change():
    assert audit_changes(before={"n": Decimal("5")}, after={"n": 5}) == {}


def test_changes_survive_the_database_round_trip(user, document):
    changes = audit_changes(
        before={"amount": Decimal("10.5"), "when": datetime.date(2025, 1, 1)},
        after={"amount": Decimal("11"), "when": datetime.date(2025, 1, 2)},
    )
    entry = audit_record(user=user, action="update", instance=document, changes=changes)

    entry.refresh_from_db()
    assert entry.changes == {
        "amount": ["10.5", "11"],
        "when": ["2025-01-01", "2025-01-02"],
    }


def test_raw_values_given_as_changes_are_stored_json_safe(user, document):
    entry = audit_record(
        user=user,
        action="update",
        instance=document,
        changes={"amount": [Decimal("1.10"), Decimal("2.20")]},
    )

    entry.refresh_from_db()
    assert entry.changes == {"amount": ["1.10", "2.20"]}


def test_entries_for_an_object_are_its_own_newest_first(user, document):
    # A group with the same primary key must not mix its trail with the document's.
    group = Group.objects.create(pk=document.pk, name="Reviewers")
    first = audit_record(user=user, action="create", instance=document)
    audit_record(user=user, action="create", instance=group)
    second = audit_record(user=user, action="update", instance=document)
    other = Document.objects.create(slug="other", title_km="ក", title_en="A")
    audit_record(user=user, action="create", instance=other)

    entries = list(audit_entries_for(instance=document))

    assert entries == [second, first]


def test_an_entry_is_rolled_back_with_the_write_it_describes(user, document):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(user=user, action="update", instance=document)
        raise RuntimeError("the service failed after recording")

    assert not audit_entries_for(instance=document).exists()


def test_the_trail_outlives_the_user(user, document):
    entry = audit_record(user=user, action="update", instance=document)

    user.delete()

    entry.refresh_from_db()
    assert entry.user is None
    assert entry.object_repr == str(document)


@pytest.fixture
def secretariat_client(client):
    admin = get_user_model().objects.create_superuser(
        username="ncdd-admin", password="not-a-real-password-1"
    )
    client.force_login(admin)
    return client


def test_the_admin_lists_and_searches_the_trail(secretariat_client, user, document):
    audit_record(user=user, action="document_update", instance=document)
    other = Document.objects.create(slug="zz", title_km="ខ", title_en="Zeta")
    audit_record(
        user=user,
        action="document_create",
        instance=other,
        reason="Added from the partner's list",
    )

    listing = secretariat_client.get("/admin/isaf/auditentry/")
    searched = secretariat_client.get("/admin/isaf/auditentry/", {"q": "partner"})
    filtered = secretariat_client.get(
        "/admin/isaf/auditentry/", {"action": "document_update"}
    )

    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2
    assert [e.object_repr for e in searched.context["cl"].result_list] == ["ខ"]
    assert [e.action for e in filtered.context["cl"].result_list] == ["document_update"]


def test_the_admin_cannot_add_change_or_delete_entries(
    secretariat_client, user, document
):
    entry = audit_record(user=user, action="update", instance=document, reason="r")

    add = secretariat_client.get("/admin/isaf/auditentry/add/")
    view = secretariat_client.get(f"/admin/isaf/auditentry/{entry.pk}/change/")
    post = secretariat_client.post(
        f"/admin/isaf/auditentry/{entry.pk}/change/", {"reason": "rewritten"}
    )
    delete = secretariat_client.post(
        f"/admin/isaf/auditentry/{entry.pk}/delete/", {"post": "yes"}
    )

    assert add.status_code == 403
    assert view.status_code == 200  # read-only view
    assert post.status_code == 403
    assert delete.status_code == 403
    entry.refresh_from_db()
    assert entry.reason == "r"
