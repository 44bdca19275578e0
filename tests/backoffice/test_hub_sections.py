"""Approvals, certificates and bank transfers on the manager task hub: scoped, acted on."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.listings.models import ListingState, ProductListing
from marketplace.listings.services import start_listing, submit_product_for_review
from marketplace.oscar_apps.order.statuses import OrderStatus
from tests.factories import (
    ArtisanFactory,
    CertificateFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
    placed_order,
)

pytestmark = pytest.mark.django_db

BankTransfer = get_model("order", "BankTransfer")
Certificate = get_model("catalogue", "Certificate")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

HUB = "/manage/"


def pending_product(artisan, title):
    product = ProductFactory(title=title, artisan=artisan, is_public=False)
    start_listing(product=product)
    submit_product_for_review(product=product, actor=artisan_user(artisan))
    return product


def awaiting_transfer(artisan, price="350000"):
    order = placed_order(
        (ProductFactory(artisan=artisan), 1, price), status=OrderStatus.AWAITING_PAYMENT
    )
    return BankTransfer.objects.create(
        order=order,
        amount=order.total_incl_tax,
        currency="IDR",
        expires_at=timezone.now() + timedelta(hours=24),
    )


def waiting_work(artisan, n=1):
    """``n`` of each kind of waiting item for ``artisan``'s centre."""
    for i in range(n):
        pending_product(artisan, f"Kain {artisan.name} {i}")
        CertificateFactory(artisan=artisan)
        awaiting_transfer(artisan)


@pytest.fixture
def two_centres():
    mine, theirs = ArtisanFactory(name="Ibu Sri"), ArtisanFactory(name="Bu Wening")
    return mine, theirs


def sections_of(client):
    response = client.get(reverse("backoffice:tasks"))
    assert response.status_code == 200
    return response, {
        item["provider"].key: item["section"] for item in response.context["sections"]
    }


def test_hub_url_is_the_back_office_root():
    assert reverse("backoffice:tasks") == HUB


def test_a_manager_sees_their_centres_waiting_items_only_with_exact_counts(client, two_centres):
    mine, theirs = two_centres
    waiting_work(mine, 2)
    waiting_work(theirs, 3)
    # Neither waiting: a verified certificate, an expired one, a confirmed transfer.
    CertificateFactory(artisan=mine, verified_at=timezone.now())
    CertificateFactory(artisan=mine, issued_on=date(2020, 1, 1), expires_on=date(2021, 1, 1))
    confirmed = awaiting_transfer(mine)
    BankTransfer.objects.filter(pk=confirmed.pk).update(status=BankTransfer.Status.CONFIRMED)
    client.force_login(centre_manager(mine.centre))
    response, sections = sections_of(client)
    assert [sections[key].count for key in ("approvals", "certificates", "bank-transfers")] == [
        2,
        2,
        2,
    ]
    assert {row.product.artisan_id for row in sections["approvals"].context["listings"]} == {
        mine.pk
    }
    assert {c.artisan_id for c in sections["certificates"].context["certificates"]} == {mine.pk}
    assert {
        line.artisan_id
        for transfer in sections["bank-transfers"].context["transfers"]
        for line in transfer.order.centre_lines
    } == {mine.pk}
    html = response.content.decode()
    assert "Bu Wening" not in html
    assert "Kain Ibu Sri 0" in html


def test_an_administrator_sees_every_centres_items(client, two_centres):
    mine, theirs = two_centres
    waiting_work(mine, 1)
    waiting_work(theirs, 2)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    _response, sections = sections_of(client)
    assert [sections[key].count for key in ("approvals", "certificates", "bank-transfers")] == [
        3,
        3,
        3,
    ]


def test_a_certificate_covering_another_centres_piece_is_not_offered(client, two_centres):
    mine, theirs = two_centres
    CertificateFactory(artisan=mine, products=[ProductFactory(artisan=mine)])
    shared = CertificateFactory(artisan=mine)
    shared.products.add(ProductFactory(artisan=mine))
    Product.objects.filter(pk=shared.products.get().pk).update(centre=theirs.centre)
    client.force_login(centre_manager(mine.centre))
    _response, sections = sections_of(client)
    assert sections["certificates"].count == 1
    assert shared not in sections["certificates"].context["certificates"]


def test_hub_queries_do_not_grow_with_waiting_items(client, two_centres):
    mine, theirs = two_centres
    manager = centre_manager(mine.centre)
    client.force_login(manager)
    waiting_work(mine, 1)
    waiting_work(theirs, 1)
    client.get(HUB)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(HUB)
    waiting_work(mine, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(HUB)
    assert response.context["sections"][0]["section"].count == 7
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- Acting from the hub ---------------------------------------------------------------
def test_approving_from_the_hub_makes_the_product_public_and_returns_to_the_hub(
    client, two_centres
):
    mine, _theirs = two_centres
    product = pending_product(mine, "Kain Baru")
    client.force_login(centre_manager(mine.centre))
    response = client.post(
        reverse("dashboard:listing-review-approve", args=[product.pk]), {"next": HUB}
    )
    assert response.status_code == 302
    assert response["Location"] == HUB
    product.refresh_from_db()
    assert (product.is_public, product.listing.state) == (True, ListingState.APPROVED)
    messages = [str(m) for m in client.get(HUB).context["messages"]]
    assert messages == ["“Kain Baru” is approved and public."]


def test_rejecting_from_the_hub_needs_a_note(client, two_centres):
    mine, _theirs = two_centres
    product = pending_product(mine, "Kain Baru")
    client.force_login(centre_manager(mine.centre))
    url = reverse("dashboard:listing-review-reject", args=[product.pk])
    response = client.post(url, {"next": HUB, "reject-note": ""})
    assert response["Location"] == HUB
    assert ProductListing.objects.get(product=product).state == ListingState.PENDING
    client.post(url, {"next": HUB, "reject-note": "Foto buram"})
    listing = ProductListing.objects.get(product=product)
    assert (listing.state, listing.note) == (ListingState.REJECTED, "Foto buram")


def test_next_must_stay_on_this_site(client, two_centres):
    mine, _theirs = two_centres
    product = pending_product(mine, "Kain Baru")
    client.force_login(centre_manager(mine.centre))
    response = client.post(
        reverse("dashboard:listing-review-approve", args=[product.pk]),
        {"next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("dashboard:listing-review-list")


def test_approving_another_centres_product_is_refused_and_changes_nothing(client, two_centres):
    mine, theirs = two_centres
    product = pending_product(theirs, "Kain Mereka")
    client.force_login(centre_manager(mine.centre))
    for name in ("approve", "reject"):
        response = client.post(
            reverse(f"dashboard:listing-review-{name}", args=[product.pk]),
            {"next": HUB, "reject-note": "tidak"},
        )
        assert response.status_code == 404
    product.refresh_from_db()
    listing = ProductListing.objects.get(product=product)
    assert (product.is_public, listing.state, listing.reviewer_id) == (
        False,
        ListingState.PENDING,
        None,
    )


def test_verifying_from_the_hub_returns_to_the_hub(client, two_centres):
    mine, _theirs = two_centres
    certificate = CertificateFactory(artisan=mine, number="TKDN-HUB-1")
    manager = centre_manager(mine.centre)
    client.force_login(manager)
    response = client.post(
        reverse("trace:certificate-verify", args=[certificate.pk]), {"next": HUB}
    )
    assert response["Location"] == HUB
    certificate.refresh_from_db()
    assert certificate.verified_by == manager
    messages = [str(m) for m in client.get(HUB).context["messages"]]
    assert messages == ["Certificate TKDN-HUB-1 verified."]


def test_verifying_another_centres_certificate_is_refused_and_changes_nothing(client, two_centres):
    mine, theirs = two_centres
    certificate = CertificateFactory(artisan=theirs)
    client.force_login(centre_manager(mine.centre))
    response = client.post(
        reverse("trace:certificate-verify", args=[certificate.pk]), {"next": HUB}
    )
    assert response.status_code == 403
    assert Certificate.objects.filter(pk=certificate.pk, verified_at__isnull=True).exists()


def test_confirming_a_transfer_from_the_hub_pays_the_order(client, two_centres):
    mine, _theirs = two_centres
    transfer = awaiting_transfer(mine)
    client.force_login(centre_manager(mine.centre))
    response = client.post(
        reverse("checkout:bank-transfer-confirm", args=[transfer.order.number]), {"next": HUB}
    )
    assert response["Location"] == HUB
    transfer.refresh_from_db()
    assert transfer.status == BankTransfer.Status.CONFIRMED
    assert Order.objects.get(pk=transfer.order_id).status == OrderStatus.PAID
    _response, sections = sections_of(client)
    assert sections["bank-transfers"].count == 0


def test_confirming_another_centres_transfer_is_refused_and_changes_nothing(client, two_centres):
    mine, theirs = two_centres
    transfer = awaiting_transfer(theirs, price="125000")
    client.force_login(centre_manager(mine.centre))
    response = client.post(
        reverse("checkout:bank-transfer-confirm", args=[transfer.order.number]), {"next": HUB}
    )
    assert response.status_code == 403
    transfer.refresh_from_db()
    assert (transfer.status, transfer.confirmed_by_id, transfer.amount) == (
        BankTransfer.Status.AWAITING,
        None,
        Decimal("125000.00"),
    )
    assert Order.objects.get(pk=transfer.order_id).status == OrderStatus.AWAITING_PAYMENT


def test_the_hub_shows_each_section_with_a_form_per_item(client, two_centres):
    mine, _theirs = two_centres
    waiting_work(mine, 1)
    client.force_login(centre_manager(mine.centre))
    html = client.get(HUB).content.decode()
    for section in ("approvals", "certificates", "bank-transfers"):
        assert f'id="tasks-{section}"' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 4  # approve, reject, verify, confirm
    assert html.count(f'name="next" value="{HUB}"') == 4


def test_the_back_office_tabs_lead_to_the_audit_trail_a_manager_may_read(client, two_centres):
    mine, _theirs = two_centres
    client.force_login(centre_manager(mine.centre))
    response, _sections = sections_of(client)
    audit_url = reverse("audit:list")
    assert f'href="{audit_url}"' in response.content.decode()
    assert client.get(audit_url).status_code == 200
