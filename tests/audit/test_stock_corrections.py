"""Stock corrections leave audit events: who, which record, the level before and
after, where from, scoped to the artisan's centre. Other stock changes and refused
corrections leave none."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.stock.csv_io import apply_stock_import, plan_stock_import
from marketplace.stock.services import StockChangeRefused, change_stock
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    artisan_user,
    centre_manager,
)

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Action = AuditEvent.Action


@pytest.fixture
def owner(artisan):
    return artisan_user(artisan)


@pytest.fixture
def kain(artisan):
    product = ProductFactory(title="Kain Surya Majapahit", artisan=artisan, stock=False)
    return StockRecord.objects.create(
        product=product,
        partner=artisan.partner,
        partner_sku="KAIN-1",
        price=250000,
        num_in_stock=5,
        num_allocated=2,
    )


@pytest.fixture
def tas(artisan):
    product = ProductFactory(title="Tas Mrico Bolong", artisan=artisan, stock=False)
    return StockRecord.objects.create(
        product=product, partner=artisan.partner, partner_sku="TAS-1", price=90000, num_in_stock=1
    )


def stock_events():
    return [
        (
            e.actor_id,
            e.action,
            e.target_type.model,
            e.target_id,
            e.target_repr,
            e.before,
            e.after,
            e.centre_id,
        )
        for e in AuditEvent.objects.filter(action=Action.STOCK_CORRECTED).order_by("pk")
    ]


def test_a_correction_through_the_service_is_audited(owner, kain, artisan):
    change_stock(stockrecord_id=kain.pk, actor=owner, reason="correction", set_to=3, note="hitung")
    assert stock_events() == [
        (
            owner.pk,
            Action.STOCK_CORRECTED,
            "stockrecord",
            str(kain.pk),
            "KAIN-1 · Kain Surya Majapahit",
            {"num_in_stock": 5},
            {"num_in_stock": 3, "source": "dashboard", "note": "hitung"},
            artisan.centre_id,
        )
    ]
    event = AuditEvent.objects.get(action=Action.STOCK_CORRECTED)
    assert event.target_type == ContentType.objects.get_for_model(StockRecord)


@pytest.mark.parametrize(
    ("reason", "change"), [("produced", 2), ("damaged", -1), ("returned", 1), ("sold", -1)]
)
def test_changes_naming_a_physical_event_are_not_audited(owner, kain, reason, change):
    change_stock(stockrecord_id=kain.pk, actor=owner, reason=reason, change=change)
    assert stock_events() == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"set_to": 1},  # below the 2 allocated to orders
        {"set_to": -4},
        {"set_to": 5},  # already the level
    ],
)
def test_a_refused_correction_writes_no_event(owner, kain, kwargs):
    with pytest.raises(StockChangeRefused):
        change_stock(stockrecord_id=kain.pk, actor=owner, reason="correction", **kwargs)
    assert AuditEvent.objects.filter(action=Action.STOCK_CORRECTED).count() == 0
    kain.refresh_from_db()
    assert kain.num_in_stock == 5


def test_another_artisans_record_cannot_be_corrected_and_writes_no_event(kain):
    stranger = artisan_user(ArtisanFactory())
    with pytest.raises(StockChangeRefused):
        change_stock(stockrecord_id=kain.pk, actor=stranger, reason="correction", set_to=9)
    assert stock_events() == []


def test_a_csv_import_writes_one_event_per_corrected_record(owner, kain, tas, artisan):
    plan = plan_stock_import(
        "sku,in_stock,reason,note\nKAIN-1,4,,opname\nTAS-1,3,produced,\n",
        partner_ids=[artisan.partner_id],
    )
    assert apply_stock_import(plan, actor=owner) == 2
    assert stock_events() == [
        (
            owner.pk,
            Action.STOCK_CORRECTED,
            "stockrecord",
            str(kain.pk),
            "KAIN-1 · Kain Surya Majapahit",
            {"num_in_stock": 5},
            {"num_in_stock": 4, "source": "csv", "note": "opname"},
            artisan.centre_id,
        )
    ]


def test_the_import_page_records_who_and_from_where(client, owner, kain, tas, artisan):
    client.force_login(owner)
    upload = SimpleUploadedFile("stok.csv", b"sku,in_stock\nKAIN-1,7\nTAS-1,0\n")
    response = client.post(
        reverse("dashboard:workshop-stock-import"),
        {"file": upload, "reason": "correction"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(action=Action.STOCK_CORRECTED).order_by("target_repr")
    assert [(e.target_repr, e.before, e.after, e.actor_id, e.ip_address) for e in events] == [
        (
            "KAIN-1 · Kain Surya Majapahit",
            {"num_in_stock": 5},
            {"num_in_stock": 7, "source": "csv", "note": ""},
            owner.pk,
            "10.1.2.3",
        ),
        (
            "TAS-1 · Tas Mrico Bolong",
            {"num_in_stock": 1},
            {"num_in_stock": 0, "source": "csv", "note": ""},
            owner.pk,
            "10.1.2.3",
        ),
    ]


def test_an_import_with_one_bad_row_writes_no_event(client, owner, kain, tas):
    client.force_login(owner)
    upload = SimpleUploadedFile("stok.csv", b"sku,in_stock\nKAIN-1,7\nTAS-1,banyak\n")
    response = client.post(
        reverse("dashboard:workshop-stock-import"), {"file": upload, "reason": "correction"}
    )
    assert response.status_code == 200
    assert [(e.line, e.sku) for e in response.context["plan"].errors] == [(3, "TAS-1")]
    assert stock_events() == []
    kain.refresh_from_db()
    assert kain.num_in_stock == 5


def test_the_audit_page_shows_corrections_to_admins_and_the_centres_manager_only(
    client, admin_client, owner, kain, artisan
):
    change_stock(stockrecord_id=kain.pk, actor=owner, reason="correction", set_to=3)
    event = AuditEvent.objects.get(action=Action.STOCK_CORRECTED)
    query = {"action": Action.STOCK_CORRECTED}

    response = admin_client.get("/dashboard/audit/", query)
    assert [e.pk for e in response.context["events"]] == [event.pk]

    client.force_login(centre_manager(artisan.centre))
    response = client.get("/dashboard/audit/", query)
    assert [e.pk for e in response.context["events"]] == [event.pk]
    assert "KAIN-1 · Kain Surya Majapahit" in response.content.decode()

    client.force_login(centre_manager(CentreFactory()))
    response = client.get("/dashboard/audit/", query)
    assert response.status_code == 200
    assert list(response.context["events"]) == []

    client.force_login(owner)  # the artisan who made it manages no centre
    assert client.get("/dashboard/audit/", query).status_code == 403
