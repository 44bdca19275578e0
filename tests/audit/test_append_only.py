"""The audit trail cannot be rewritten: not through the ORM, and on PostgreSQL not in SQL."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from marketplace.audit.models import AppendOnlyError, AuditEvent
from marketplace.audit.services import record_audit_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return record_audit_event(
        actor=None, action=AuditEvent.Action.PAYOUT_RECORDED, target=UserFactory(), after={"a": 1}
    )


def test_an_event_cannot_be_saved_again(event):
    event.after = {"a": 2}
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get().after == {"a": 1}


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(after={"a": 3})
    assert AuditEvent.objects.get().after == {"a": 1}


def test_deleting_the_actor_leaves_the_event_untouched():
    user = UserFactory()
    record_audit_event(actor=user, action=AuditEvent.Action.GROUPS_CHANGED, target=None)
    user_pk = user.pk
    user.delete()
    event = AuditEvent.objects.get()
    assert event.actor_id == user_pk


def test_postgresql_refuses_update_and_delete_in_sql(needs_postgres, event):
    for sql in (
        "UPDATE audit_auditevent SET after = '{}'::jsonb",
        "DELETE FROM audit_auditevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.get().after == {"a": 1}
