"""Stock CSV files found by fuzzing (tests/fuzz/test_stock_import.py) that broke the
import with a server error: each is now refused with a row error and changes nothing."""

import pytest
from oscar.core.loading import get_model

from marketplace.stock.csv_io import plan_stock_import
from marketplace.stock.services import MAX_STOCK_LEVEL, StockChangeRefused, change_stock
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
TOO_MANY = "Stock cannot be more than 1000000 pieces."


@pytest.fixture
def kain(artisan):
    product = ProductFactory(artisan=artisan, stock=False)
    return StockRecord.objects.create(
        product=product, partner=artisan.partner, partner_sku="KAIN-1", price=1, num_in_stock=5
    )


def plan_of(data, artisan):
    plan = plan_stock_import(data, partner_ids=[artisan.partner_id])
    return [(e.line, e.sku, e.message) for e in plan.errors], plan


@pytest.mark.parametrize(
    "level",
    [
        "1000001",
        "2147483648",  # the first level PostgreSQL's integer column cannot hold
        "99999999999999999999",  # beyond SQLite's 64-bit integers
        "9" * 5000,  # beyond int()'s 4300-digit limit
        "+" + "0" * 30 + "1000001",
    ],
)
def test_a_level_above_the_maximum_is_a_row_error(kain, artisan, level):
    errors, plan = plan_of(f"sku,in_stock\nKAIN-1,{level}\n", artisan)
    assert errors == [(2, "KAIN-1", TOO_MANY)]
    assert plan.changes == []


@pytest.mark.parametrize("level", ["-1", "-99999999", "-" + "9" * 5000])
def test_a_negative_level_says_negative_however_long(kain, artisan, level):
    errors, plan = plan_of(f"sku,in_stock\nKAIN-1,{level}\n", artisan)
    assert errors == [(2, "KAIN-1", "Stock cannot be negative.")]
    assert plan.changes == []


def test_minus_zero_is_zero(kain, artisan):
    errors, plan = plan_of("sku,in_stock\nKAIN-1,-0\n", artisan)
    assert errors == []
    assert [change.set_to for change in plan.changes] == [0]


def test_the_maximum_itself_is_accepted(kain, artisan):
    errors, plan = plan_of(f"sku,in_stock\nKAIN-1,{MAX_STOCK_LEVEL}\n", artisan)
    assert errors == []
    assert [change.set_to for change in plan.changes] == [MAX_STOCK_LEVEL]


def test_the_stock_service_refuses_a_level_above_the_maximum(kain):
    with pytest.raises(StockChangeRefused, match=TOO_MANY):
        change_stock(stockrecord_id=kain.pk, actor=None, reason="produced", change=MAX_STOCK_LEVEL)
    kain.refresh_from_db()
    assert kain.num_in_stock == 5


def test_a_cell_over_the_csv_field_limit_is_a_row_error(kain, artisan):
    errors, plan = plan_of(b"sku,in_stock\n" + b"x" * 200_000 + b",1\n", artisan)
    assert errors == [
        (2, "", "This row cannot be read as CSV: a quote is not closed or a cell is too long.")
    ]
    assert plan.changes == []


@pytest.mark.parametrize(
    "data",
    [b"sku,in_stock\rKAIN-1,3\r", b"sku,in_stock\r\nKAIN-1,3\r\n", b"sku,in_stock\nKAIN-1,3\n"],
    ids=["cr", "crlf", "lf"],
)
def test_every_line_ending_is_read(kain, artisan, data):
    errors, plan = plan_of(data, artisan)
    assert errors == []
    assert [(change.stockrecord_id, change.set_to) for change in plan.changes] == [(kain.pk, 3)]


def test_a_stray_carriage_return_inside_a_row_is_no_server_error(kain, artisan):
    errors, plan = plan_of(b'sku,in_stock\nKAIN-1,3\r"x\n', artisan)
    assert [(line, sku) for line, sku, _message in errors] == [(3, "x")]
    assert plan.changes  # the good row is planned, but the plan is refused as a whole
    assert not plan.is_valid


@pytest.mark.parametrize(
    "data", [b"sku,in_stock\nKAIN-1\x00,3\n", "sku,in_stock\nKAIN-1,3\n".encode("utf-16-le")]
)
def test_nul_characters_make_a_file_error(kain, artisan, data):
    errors, plan = plan_of(data, artisan)
    assert errors == [(0, "", "The file is not CSV text (save it as CSV UTF-8).")]
    assert plan.changes == []
