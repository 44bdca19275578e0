"""The four history tables share one append-only guard: no row changes, none goes.

Each case builds one real row of its table the way the app writes it, then tries
every ORM path that would rewrite or remove it.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.core.append_only import AppendOnlyError, AppendOnlyModel
from marketplace.listings.models import ListingAction, ListingEvent, ProductListing
from marketplace.sales.models import LedgerEntry
from marketplace.stock.models import StockLedgerEntry
from marketplace.stock.services import change_stock
from tests.factories import ArtisanFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def stock_entry():
    record = ProductFactory().stockrecords.get()
    return change_stock(stockrecord_id=record.pk, actor=None, reason="produced", change=1)


def listing_event():
    listing = ProductListing.objects.create(product=ProductFactory(is_public=False))
    return ListingEvent.objects.create(listing=listing, action=ListingAction.SUBMITTED)


def ledger_entry():
    artisan = ArtisanFactory()
    return LedgerEntry.objects.create(
        artisan=artisan,
        centre=artisan.centre,
        currency="IDR",
        kind="payout",
        amount=Decimal("-100000.00"),
        effective_date=date(2026, 11, 1),
        reference="TRF-1",
    )


def audit_event():
    return record_audit_event(
        actor=None, action=AuditEvent.Action.GROUPS_CHANGED, target=UserFactory(), after={"a": 1}
    )


ROWS = {
    "stock ledger": (stock_entry, "note", "changed"),
    "listing event": (listing_event, "note", "changed"),
    "settlement ledger": (ledger_entry, "note", "changed"),
    "audit event": (audit_event, "target_repr", "changed"),
}


@pytest.fixture(params=list(ROWS))
def row(request):
    make, field, value = ROWS[request.param]
    return make(), field, value


def stored(instance, field):
    return type(instance)._base_manager.values_list(field, flat=True).get(pk=instance.pk)


def test_every_history_table_uses_the_shared_guard():
    for model in (StockLedgerEntry, ListingEvent, LedgerEntry, AuditEvent):
        assert issubclass(model, AppendOnlyModel), model


def test_an_existing_row_cannot_be_saved_again(row):
    instance, field, value = row
    before = stored(instance, field)
    setattr(instance, field, value)
    with pytest.raises(AppendOnlyError, match="append-only: rows cannot be updated"):
        instance.save()
    assert stored(instance, field) == before


def test_a_new_instance_with_an_existing_pk_does_not_overwrite_the_row(row):
    instance, field, value = row
    before = stored(instance, field)
    instance._state.adding = True  # as if built anew with the same primary key
    setattr(instance, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()
    assert stored(instance, field) == before


def test_a_row_cannot_be_deleted(row):
    instance, field, _value = row
    with pytest.raises(AppendOnlyError, match="append-only: rows cannot be deleted"):
        instance.delete()
    assert type(instance)._base_manager.filter(pk=instance.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda qs, field, value: qs.update(**{field: value}),
        lambda qs, field, value: qs.delete(),
        lambda qs, field, value: qs.bulk_update(list(qs), [field]),
        lambda qs, field, value: qs.update_or_create(pk=qs.get().pk, defaults={field: value}),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_querysets_refuse_bulk_changes(row, change):
    instance, field, value = row
    before = stored(instance, field)
    queryset = type(instance).objects.filter(pk=instance.pk)
    with pytest.raises(AppendOnlyError, match=type(instance)._meta.label):
        change(queryset, field, value)
    assert stored(instance, field) == before
