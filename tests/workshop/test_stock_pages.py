"""My stock: the artisan sees and changes their own levels, through the ledger."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.stock.models import StockLedgerEntry
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def record_of(product):
    return product.stockrecords.get()


def test_my_stock_lists_only_my_own_records(owner_client, own_product, rival_product):
    response = owner_client.get(reverse("dashboard:workshop-stock"))
    assert response.status_code == 200
    assert [r.pk for r in response.context["records"]] == [record_of(own_product).pk]
    assert b"Kain Rival" not in response.content


def test_an_indonesian_artisan_reads_the_stock_page_in_indonesian(
    indonesian_client, owner, own_product
):
    indonesian_client.force_login(owner)
    response = indonesian_client.get(reverse("dashboard:workshop-stock"))
    content = response.content.decode()
    assert "<h1>Stok saya</h1>" in " ".join(content.split())
    assert "Dipesan" in content and "Tersedia" in content
    response = indonesian_client.post(
        reverse("dashboard:workshop-stock-change", kwargs={"pk": record_of(own_product).pk}),
        {"action": "set", "set_to": "5"},
        headers={"accept": "application/json"},
    )
    assert response.json()["message"] == "Jumlah stok memang sudah segitu."


def test_low_stock_is_highlighted_and_filterable(owner_client, artisan):
    low = ProductFactory(title="Tas Hampir Habis", artisan=artisan, stock__num_in_stock=1)
    ProductFactory(title="Kain Banyak", artisan=artisan, stock__num_in_stock=9)
    StockRecord.objects.filter(product=low).update(low_stock_threshold=2)
    response = owner_client.get(reverse("dashboard:workshop-stock") + "?low=1")
    assert [r.product.title for r in response.context["records"]] == ["Tas Hampir Habis"]
    assert response.context["records"][0].is_low is True
    assert b'class="stock-row is-low"' in response.content


def test_plus_one_adds_a_produced_piece_and_returns_to_the_list(owner_client, own_product):
    record = record_of(own_product)
    response = owner_client.post(
        reverse("dashboard:workshop-stock-change", kwargs={"pk": record.pk}), {"action": "add"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:workshop-stock") + f"#stock-{record.pk}"
    record.refresh_from_db()
    assert record.num_in_stock == 6
    entry = StockLedgerEntry.objects.get()
    assert (entry.change, entry.reason, entry.num_in_stock_after) == (1, "produced", 6)


def test_the_page_script_gets_json_back(owner_client, own_product):
    record = record_of(own_product)
    response = owner_client.post(
        reverse("dashboard:workshop-stock-change", kwargs={"pk": record.pk}),
        {"action": "remove"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["record"] == {
        "id": record.pk,
        "in_stock": 4,
        "allocated": 0,
        "available": 4,
        "is_low": False,
    }
    assert StockLedgerEntry.objects.get().reason == "sold"


def test_setting_below_allocated_is_refused_and_changes_nothing(owner_client, own_product):
    record = record_of(own_product)
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=3)
    response = owner_client.post(
        reverse("dashboard:workshop-stock-change", kwargs={"pk": record.pk}),
        {"action": "set", "set_to": "2"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 409
    assert response.json()["ok"] is False
    assert "3 allocated" in response.json()["message"]
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 3)
    assert not StockLedgerEntry.objects.exists()


def test_the_detail_page_changes_with_a_reason_and_shows_the_ledger(owner_client, own_product):
    record = record_of(own_product)
    url = reverse("dashboard:workshop-stock-detail", kwargs={"pk": record.pk})
    owner_client.post(
        reverse("dashboard:workshop-stock-change", kwargs={"pk": record.pk}),
        {"action": "remove", "quantity": "2", "reason": "damaged", "note": "kena air", "next": url},
    )
    response = owner_client.get(url)
    assert response.status_code == 200
    entries = list(response.context["entries"])
    assert [(e.change, e.reason, e.note) for e in entries] == [(-2, "damaged", "kena air")]
    assert b"kena air" in response.content


def test_the_alert_threshold_is_set_on_the_detail_page(owner_client, own_product):
    record = record_of(own_product)
    owner_client.post(
        reverse("dashboard:workshop-stock-threshold", kwargs={"pk": record.pk}),
        {"low_stock_threshold": "3"},
    )
    record.refresh_from_db()
    assert record.low_stock_threshold == 3


def test_csv_export_downloads_my_stock(owner_client, own_product, rival_product):
    response = owner_client.get(reverse("dashboard:workshop-stock-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    record = record_of(own_product)
    assert text.splitlines() == [
        "\ufeffsku,product,in_stock,allocated,available,low_stock_threshold",
        f"{record.partner_sku},Kain Surya Majapahit,5,0,5,",
    ]


def test_csv_import_applies_a_valid_file(owner_client, own_product):
    record = record_of(own_product)
    upload = SimpleUploadedFile("stok.csv", f"sku,in_stock\n{record.partner_sku},8\n".encode())
    response = owner_client.post(
        reverse("dashboard:workshop-stock-import"), {"file": upload, "reason": "produced"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.num_in_stock == 8
    assert StockLedgerEntry.objects.get().reason == "produced"


def test_csv_import_with_errors_reports_them_and_changes_nothing(
    owner_client, own_product, rival_product
):
    mine, theirs = record_of(own_product), record_of(rival_product)
    upload = SimpleUploadedFile(
        "stok.csv", f"sku,in_stock\n{mine.partner_sku},7\n{theirs.partner_sku},0\n".encode()
    )
    response = owner_client.post(
        reverse("dashboard:workshop-stock-import"), {"file": upload, "reason": "correction"}
    )
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [(e.line, e.message) for e in plan.errors] == [
        (3, "This SKU belongs to another seller's product.")
    ]
    assert b"This SKU belongs to another seller" in response.content
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.num_in_stock, theirs.num_in_stock) == (5, 5)
    assert not StockLedgerEntry.objects.exists()


def test_csv_import_check_only_changes_nothing(owner_client, own_product):
    record = record_of(own_product)
    upload = SimpleUploadedFile("stok.csv", f"sku,in_stock\n{record.partner_sku},8\n".encode())
    response = owner_client.post(
        reverse("dashboard:workshop-stock-import"),
        {"file": upload, "reason": "produced", "dry_run": "on"},
    )
    assert response.status_code == 200
    assert len(response.context["plan"].changes) == 1
    record.refresh_from_db()
    assert record.num_in_stock == 5
