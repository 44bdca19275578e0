"""The stock ledger service: every change is checked, locked and written to the ledger."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from oscar.apps.partner.exceptions import InvalidStockAdjustment
from oscar.core.loading import get_class, get_model

from marketplace.core.append_only import AppendOnlyError
from marketplace.stock.models import StockChangeReason, StockChangeSource, StockLedgerEntry
from marketplace.stock.services import (
    StockChange,
    StockChangeRefused,
    apply_stock_changes,
    change_stock,
    set_low_stock_threshold,
)
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, artisan_user, place_order

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")
EventHandler = get_class("order.processing", "EventHandler")


@pytest.fixture
def record(artisan):
    product = ProductFactory(artisan=artisan, stock__num_in_stock=5)
    record = product.stockrecords.get()
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=2)
    record.refresh_from_db()
    return record


@pytest.fixture
def owner(artisan):
    return artisan_user(artisan, email="ibu.sri@example.com")


def levels(record):
    record.refresh_from_db()
    return record.num_in_stock, record.num_allocated


def test_adding_produced_stock_writes_one_ledger_entry(record, owner):
    entry = change_stock(
        stockrecord_id=record.pk, actor=owner, reason=StockChangeReason.PRODUCED, change=3
    )
    assert levels(record) == (8, 2)
    assert (entry.change, entry.reason, entry.num_in_stock_after, entry.num_allocated_after) == (
        3,
        "produced",
        8,
        2,
    )
    assert (entry.actor, entry.sku, entry.product_title, entry.source) == (
        owner,
        record.partner_sku,
        record.product.title,
        StockChangeSource.DASHBOARD,
    )
    assert StockLedgerEntry.objects.filter(stockrecord=record).count() == 1


def test_setting_a_level_records_the_difference(record, owner):
    entry = change_stock(
        stockrecord_id=record.pk, actor=owner, reason=StockChangeReason.CORRECTION, set_to=3
    )
    assert entry.change == -2
    assert levels(record) == (3, 2)


def test_stock_cannot_drop_below_what_is_allocated(record, owner):
    with pytest.raises(StockChangeRefused) as refused:
        change_stock(
            stockrecord_id=record.pk, actor=owner, reason=StockChangeReason.DAMAGED, change=-4
        )
    assert "2 allocated" in refused.value.message
    assert levels(record) == (5, 2)
    assert not StockLedgerEntry.objects.exists()


def test_exactly_the_available_pieces_can_be_taken_away(record, owner):
    change_stock(stockrecord_id=record.pk, actor=owner, reason=StockChangeReason.SOLD, change=-3)
    assert levels(record) == (2, 2)


@pytest.mark.parametrize(
    ("reason", "change"),
    [("produced", -1), ("returned", -1), ("sold", 1), ("damaged", 1)],
)
def test_a_reason_only_goes_its_own_way(record, owner, reason, change):
    with pytest.raises(StockChangeRefused):
        change_stock(stockrecord_id=record.pk, actor=owner, reason=reason, change=change)
    assert levels(record) == (5, 2)


def test_a_change_to_the_same_level_is_refused(record, owner):
    with pytest.raises(StockChangeRefused, match="already the stock level"):
        change_stock(stockrecord_id=record.pk, actor=owner, reason="correction", set_to=5)
    assert not StockLedgerEntry.objects.exists()


def test_an_artisan_cannot_change_another_artisans_stock(record):
    stranger = artisan_user(ArtisanFactory())
    with pytest.raises(StockChangeRefused, match="No such stock record"):
        change_stock(stockrecord_id=record.pk, actor=stranger, reason="produced", change=1)
    assert levels(record) == (5, 2)


def test_a_plain_customer_cannot_change_stock(record):
    with pytest.raises(StockChangeRefused):
        change_stock(stockrecord_id=record.pk, actor=UserFactory(), reason="produced", change=1)
    assert levels(record) == (5, 2)


def test_a_batch_applies_all_changes_or_none(record, owner):
    other = ProductFactory(artisan=record.product.artisan, stock__num_in_stock=1)
    other_record = other.stockrecords.get()
    with pytest.raises(StockChangeRefused) as refused:
        apply_stock_changes(
            changes=[
                StockChange(stockrecord_id=other_record.pk, reason="produced", change=4),
                StockChange(stockrecord_id=record.pk, reason="correction", set_to=1),
            ],
            actor=owner,
        )
    assert list(refused.value.errors) == [1]
    assert levels(record) == (5, 2)
    assert levels(other_record) == (1, None)
    assert not StockLedgerEntry.objects.exists()


def test_changes_to_one_record_in_a_batch_apply_in_order(record, owner):
    entries = apply_stock_changes(
        changes=[
            StockChange(stockrecord_id=record.pk, reason="produced", change=2),
            StockChange(stockrecord_id=record.pk, reason="sold", change=-4),
        ],
        actor=owner,
    )
    assert [(e.change, e.num_in_stock_after) for e in entries] == [(2, 7), (-4, 3)]
    assert levels(record) == (3, 2)


def test_consuming_an_allocation_lowers_stock_and_allocation_together(record):
    apply_stock_changes(
        changes=[
            StockChange(stockrecord_id=record.pk, reason="sold", change=-2, consume_allocation=True)
        ],
        actor=None,
        source=StockChangeSource.ORDER,
    )
    assert levels(record) == (3, 0)
    assert StockLedgerEntry.objects.get().num_allocated_after == 0


def test_ledger_entries_are_never_updated_or_deleted(record, owner):
    entry = change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=1)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        StockLedgerEntry.objects.all().update(change=5)
    with pytest.raises(AppendOnlyError):
        StockLedgerEntry.objects.all().delete()
    assert StockLedgerEntry.objects.get().change == 1


def test_the_ledger_outlives_a_deleted_product(record, owner):
    change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=1)
    sku = record.partner_sku
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=0)
    record.product.delete()
    entry = StockLedgerEntry.objects.get()
    assert (entry.stockrecord_id, entry.sku, entry.num_in_stock_after) == (None, sku, 6)


def test_the_database_refuses_stock_below_allocated(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=1)
    assert levels(record) == (5, 2)


def test_the_database_refuses_an_allocation_beyond_stock(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        record.allocate(4)
    assert levels(record) == (5, 2)


def test_falling_below_the_threshold_opens_oscars_alert_and_mails_the_artisan(
    record, owner, django_capture_on_commit_callbacks
):
    set_low_stock_threshold(stockrecord_id=record.pk, actor=owner, threshold=2)
    assert not StockAlert.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        change_stock(stockrecord_id=record.pk, actor=owner, reason="sold", change=-2)
    alert = StockAlert.objects.get()
    assert (alert.stockrecord_id, alert.status, alert.threshold) == (record.pk, "Open", 2)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ibu.sri@example.com"]
    # In the shop's language, Indonesian, whatever the language of the request.
    title, sku = record.product.title, record.partner_sku
    assert mail.outbox[0].subject == f"Stok menipis: {title}"
    assert mail.outbox[0].body == (
        f"“{title}” (SKU {sku}) tinggal 1 yang bisa dijual: di bawah batas peringatan Anda, 2."
        "\n\nTambahkan stok bila Anda sudah membuat lagi:\n"
        "http://example.com/dashboard/workshop/stock/?low=1\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=4)
    assert StockAlert.objects.get().status == "Closed"
    assert len(mail.outbox) == 1


def test_only_the_owner_sets_the_alert_threshold(record):
    stranger = artisan_user(ArtisanFactory())
    with pytest.raises(StockChangeRefused):
        set_low_stock_threshold(stockrecord_id=record.pk, actor=stranger, threshold=3)
    record.refresh_from_db()
    assert record.low_stock_threshold is None


def test_shipping_an_order_takes_the_pieces_out_through_the_ledger(artisan):
    product = ProductFactory(artisan=artisan, stock__num_in_stock=3)
    order = place_order((product, 2))
    record = product.stockrecords.get()
    assert levels(record) == (3, 2)
    # What Oscar's order pipeline does when the order ships.
    EventHandler().consume_stock_allocations(order)
    assert levels(record) == (1, 0)
    entry = StockLedgerEntry.objects.get()
    assert (entry.change, entry.reason, entry.source, entry.actor) == (-2, "sold", "order", None)
    assert (entry.num_in_stock_after, entry.num_allocated_after) == (1, 0)
    assert order.lines.get().num_allocated == 0


def test_oscar_cannot_consume_more_than_was_allocated(artisan):
    product = ProductFactory(artisan=artisan, stock__num_in_stock=3)
    place_order((product, 1))
    record = product.stockrecords.get()
    with pytest.raises(InvalidStockAdjustment):
        record.consume_allocation(2)
    assert levels(record) == (3, 1)
    assert not StockLedgerEntry.objects.exists()
