"""Concurrent stock changes on PostgreSQL: no lost update, never below allocated."""

import threading

import pytest
from django.db import connection, connections
from oscar.core.loading import get_model

from marketplace.stock.models import StockLedgerEntry
from marketplace.stock.services import StockChangeRefused, change_stock
from tests.factories import ProductFactory, artisan_user

pytestmark = pytest.mark.django_db(transaction=True)

StockRecord = get_model("partner", "StockRecord")


def race(workers: int, work):
    """Run ``work`` in ``workers`` threads released at the same moment; return results."""
    barrier = threading.Barrier(workers)
    results = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            outcome = work()
        except Exception as error:  # noqa: BLE001 - the outcome is what is compared
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def record(needs_postgres, artisan):
    product = ProductFactory(artisan=artisan, stock__num_in_stock=5)
    record = product.stockrecords.get()
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=2)
    return record


def test_concurrent_removals_stop_exactly_at_what_is_allocated(record, artisan):
    owner = artisan_user(artisan)
    results = race(
        8,
        lambda: change_stock(stockrecord_id=record.pk, actor=owner, reason="damaged", change=-1),
    )
    refused = [r for r in results if isinstance(r, StockChangeRefused)]
    assert len(refused) == 5
    assert len(results) - len(refused) == 3
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 2)
    assert sorted(StockLedgerEntry.objects.values_list("num_in_stock_after", flat=True)) == [
        2,
        3,
        4,
    ]
    assert connection.vendor == "postgresql"


def test_concurrent_additions_lose_no_update(record, artisan):
    owner = artisan_user(artisan)
    results = race(
        10,
        lambda: change_stock(stockrecord_id=record.pk, actor=owner, reason="produced", change=1),
    )
    assert all(not isinstance(r, Exception) for r in results), results
    record.refresh_from_db()
    assert record.num_in_stock == 15
    assert sorted(StockLedgerEntry.objects.values_list("num_in_stock_after", flat=True)) == list(
        range(6, 16)
    )
