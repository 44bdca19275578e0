"""CSV export and import of stock levels: all rows checked, then all applied or none."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from oscar.core.loading import get_model

from marketplace.stock.csv_io import apply_stock_import, plan_stock_import, write_stock_csv
from marketplace.stock.models import StockChangeSource, StockLedgerEntry
from marketplace.stock.selectors import stock_of_partners
from marketplace.stock.services import StockChangeRefused
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, artisan_user

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def workshop(artisan):
    """Two products of one artisan: KAIN-1 (5 in stock, 2 allocated) and TAS-1 (1)."""
    kain = ProductFactory(title="Kain Surya Majapahit", artisan=artisan, stock=False)
    tas = ProductFactory(title="Tas Mrico Bolong", artisan=artisan, stock=False)
    StockRecord.objects.create(
        product=kain,
        partner=artisan.partner,
        partner_sku="KAIN-1",
        price=250000,
        num_in_stock=5,
        num_allocated=2,
        low_stock_threshold=2,
    )
    StockRecord.objects.create(
        product=tas, partner=artisan.partner, partner_sku="TAS-1", price=90000, num_in_stock=1
    )
    return artisan


def stock(sku):
    record = StockRecord.objects.get(partner_sku=sku)
    return record.num_in_stock


def test_export_lists_own_stock_with_allocated_and_available(workshop):
    ProductFactory()  # another artisan's stock stays out
    out = io.StringIO()
    write_stock_csv(stock_of_partners([workshop.partner_id]), out)
    assert out.getvalue().splitlines() == [
        "sku,product,in_stock,allocated,available,low_stock_threshold",
        "KAIN-1,Kain Surya Majapahit,5,2,3,2",
        "TAS-1,Tas Mrico Bolong,1,0,1,",
    ]


def test_a_valid_file_is_applied_through_the_ledger(workshop):
    user = artisan_user(workshop)
    plan = plan_stock_import(
        "sku,in_stock,reason\nKAIN-1,9,produced\nTAS-1,1,\n", partner_ids=[workshop.partner_id]
    )
    assert (plan.rows, len(plan.changes), plan.unchanged, plan.errors) == (2, 1, 1, [])
    assert apply_stock_import(plan, actor=user) == 1
    assert (stock("KAIN-1"), stock("TAS-1")) == (9, 1)
    entry = StockLedgerEntry.objects.get()
    assert (entry.sku, entry.change, entry.reason, entry.source, entry.actor) == (
        "KAIN-1",
        4,
        "produced",
        StockChangeSource.CSV_IMPORT,
        user,
    )


def test_every_kind_of_bad_row_is_reported_and_nothing_changes(workshop):
    foreign = ProductFactory().stockrecords.get()
    text = (
        "sku,in_stock\n"
        "KAIN-1,1\n"  # row 2: below the 2 allocated
        "NOPE-9,3\n"  # row 3: unknown
        f"{foreign.partner_sku},3\n"  # row 4: another seller's
        "TAS-1,-2\n"  # row 5: negative
        "TAS-1,lima\n"  # row 6: duplicate (checked before the value)
        ",4\n"  # row 7: no SKU
    )
    plan = plan_stock_import(text, partner_ids=[workshop.partner_id])
    assert [(e.line, e.sku, e.message) for e in plan.errors] == [
        (2, "KAIN-1", "1 is below the 2 allocated to orders."),
        (3, "NOPE-9", "Unknown SKU."),
        (4, foreign.partner_sku, "This SKU belongs to another seller's product."),
        (5, "TAS-1", "Stock cannot be negative."),
        (6, "TAS-1", "The SKU appears more than once (first on row 5)."),
        (7, "", "The SKU is missing."),
    ]
    with pytest.raises(ValueError):
        apply_stock_import(plan, actor=None)
    assert (stock("KAIN-1"), stock("TAS-1"), foreign.num_in_stock) == (5, 1, 5)
    assert not StockLedgerEntry.objects.exists()


@pytest.mark.parametrize("value", ["lima", "2.5", "1.000", ""])
def test_values_that_are_not_whole_numbers_are_refused(workshop, value):
    plan = plan_stock_import(f"sku,in_stock\nTAS-1,{value}\n", partner_ids=[workshop.partner_id])
    assert [e.message for e in plan.errors] == [f"“{value}” is not a whole number."]


def test_a_file_without_the_needed_columns_is_refused(workshop):
    plan = plan_stock_import("kode,jumlah\nTAS-1,3\n", partner_ids=[workshop.partner_id])
    assert [e.message for e in plan.errors] == ["Missing column(s): sku, in_stock."]


def test_spreadsheet_exports_with_bom_and_semicolons_are_read(workshop):
    data = "\ufeffSKU;In_Stock\r\nTAS-1;4\r\n".encode()
    plan = plan_stock_import(data, partner_ids=[workshop.partner_id])
    assert plan.errors == []
    assert plan.changes[0].set_to == 4


def test_a_file_that_is_not_utf8_is_refused(workshop):
    plan = plan_stock_import(b"sku,in_stock\n\xff\xfe,1\n", partner_ids=[workshop.partner_id])
    assert plan.errors[0].message.startswith("The file is not UTF-8 text")


def test_stock_taken_by_an_order_after_checking_refuses_the_whole_import(workshop):
    user = artisan_user(workshop)
    plan = plan_stock_import("sku,in_stock\nTAS-1,3\nKAIN-1,2\n", partner_ids=[workshop.partner_id])
    assert plan.errors == []
    StockRecord.objects.filter(partner_sku="KAIN-1").update(num_allocated=3)  # an order
    with pytest.raises(StockChangeRefused):
        apply_stock_import(plan, actor=user)
    assert [(e.line, e.sku) for e in plan.errors] == [(3, "KAIN-1")]
    assert (stock("TAS-1"), stock("KAIN-1")) == (1, 5)
    assert not StockLedgerEntry.objects.exists()


def test_the_command_checks_then_applies_with_progress(workshop, tmp_path):
    user = artisan_user(workshop, email="ibu@example.com")
    path = tmp_path / "levels.csv"
    path.write_text("sku,in_stock\nKAIN-1,7\nTAS-1,0\n")
    out = io.StringIO()
    call_command("import_stock_csv", str(path), user="ibu@example.com", stdout=out)
    assert out.getvalue().splitlines() == [
        "  checked 2/2 rows",
        "2 rows: 2 to change, 0 unchanged, 0 with errors.",
        "  applied 2/2 rows",
        "Applied 2 changes through the ledger.",
    ]
    assert (stock("KAIN-1"), stock("TAS-1")) == (7, 0)
    assert set(StockLedgerEntry.objects.values_list("source", "actor")) == {("command", user.pk)}


def test_the_command_dry_run_and_errors_change_nothing(workshop, tmp_path):
    artisan_user(workshop, email="ibu@example.com")
    path = tmp_path / "levels.csv"
    path.write_text("sku,in_stock\nKAIN-1,7\n")
    out = io.StringIO()
    call_command("import_stock_csv", str(path), user="ibu@example.com", dry_run=True, stdout=out)
    assert "Dry run: every row is valid; nothing changed." in out.getvalue()
    path.write_text("sku,in_stock\nKAIN-1,0\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_stock_csv", str(path), user="ibu@example.com", stdout=out, stderr=err)
    assert err.getvalue().strip() == "row 2 KAIN-1: 0 is below the 2 allocated to orders."
    assert stock("KAIN-1") == 5
    assert not StockLedgerEntry.objects.exists()


def test_the_command_refuses_a_user_without_a_workshop(tmp_path):
    ArtisanFactory()
    path = tmp_path / "levels.csv"
    path.write_text("sku,in_stock\n")
    UserFactory(email="pembeli@example.com")
    with pytest.raises(CommandError, match="sells through no partner"):
        call_command("import_stock_csv", str(path), user="pembeli@example.com")


def test_exported_titles_cannot_run_as_spreadsheet_formulas(artisan):
    ProductFactory(title='=HYPERLINK("http://x")', artisan=artisan)
    out = io.StringIO()
    write_stock_csv(stock_of_partners([artisan.partner_id]), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
