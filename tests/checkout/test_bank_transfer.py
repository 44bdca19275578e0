"""Bank transfer: the order holds its stock; a centre manager confirms; unpaid ones expire."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import reset_queries
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.oscar_apps.checkout.services.bank_transfer import (
    TransferNotConfirmable,
    confirm_bank_transfer,
)
from tests.checkout.flow import ADDRESS_NL, checkout_to_preview
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    UserFactory,
    place_order,
)

BankTransfer = get_model("order", "BankTransfer")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db):
    return CentreFactory(name="Sentra IKM Batik Maja Barama Wastra")


@pytest.fixture
def product(shop, centre):
    artisan = ArtisanFactory(name="Ibu Sri Wahyuni", centre=centre)
    return ProductFactory(
        title="Kain Mrico Bolong",
        artisan=artisan,
        stock__price=Decimal("480000"),
        stock__num_in_stock=1,
    )


def place_transfer_order(client, product, **kwargs):
    preview = checkout_to_preview(client, product, method="bank-transfer", **kwargs)
    return client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "amount_minor": preview.context["amount_minor"]},
    )


def manager_of(centre):
    user = UserFactory()
    centre.managers.add(user)
    return user


def test_transfer_order_holds_the_piece_and_tells_the_buyer_how_to_pay(
    client, product, settings, django_capture_on_commit_callbacks
):
    settings.BANK_TRANSFER_HOLD_HOURS = 48
    settings.BANK_TRANSFER_ACCOUNT = "Bank Jatim 0011-2233 a.n. Koperasi Sentra"
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = place_transfer_order(client, product)

    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    transfer = order.bank_transfer
    assert (order.status, order.total_incl_tax) == ("Awaiting payment", Decimal("500000"))
    assert (transfer.status, transfer.amount) == ("awaiting", Decimal("500000"))
    assert (
        before + timedelta(hours=48) <= transfer.expires_at <= timezone.now() + timedelta(hours=48)
    )
    stock = StockRecord.objects.get(product=product)
    assert stock.net_stock_level == 0  # held: nobody else can buy it now
    page = client.get(response.url).content.decode()
    assert "Bank Jatim 0011-2233 a.n. Koperasi Sentra" in page
    assert "Rp500.000" in page
    (message,) = mail.outbox
    assert "Bank Jatim 0011-2233 a.n. Koperasi Sentra" in message.body
    assert order.number in message.body


def test_thank_you_page_names_each_pieces_artisan_and_centre(client, product):
    response = place_transfer_order(client, product)

    page = client.get(response.url)
    assert page.status_code == 200
    content = page.content.decode()
    assert '<td class="line-artisan"><a href="/pengrajin/' in content
    assert ">Ibu Sri Wahyuni</a>" in content
    assert ">Sentra IKM Batik Maja Barama Wastra</a>" in content


def test_manager_of_the_pieces_centre_confirms_the_transfer(client, product, centre):
    place_transfer_order(client, product)
    order = Order.objects.get()
    manager = manager_of(centre)
    client.force_login(manager)

    response = client.post(
        reverse("checkout:bank-transfer-confirm", kwargs={"order_number": order.number})
    )

    assert response.url == reverse("checkout:bank-transfers")
    order.refresh_from_db()
    transfer = order.bank_transfer
    assert (order.status, transfer.status, transfer.confirmed_by) == ("Paid", "confirmed", manager)
    assert order.sources.get().amount_debited == Decimal("500000")
    assert StockRecord.objects.get(product=product).num_allocated == 1


@pytest.mark.parametrize("who", ["other_centre_manager", "plain_user"])
def test_others_cannot_confirm_and_nothing_changes(client, product, who):
    place_transfer_order(client, product)
    order = Order.objects.get()
    user = manager_of(CentreFactory()) if who == "other_centre_manager" else UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("checkout:bank-transfer-confirm", kwargs={"order_number": order.number})
    )

    assert response.status_code == 403
    order.refresh_from_db()
    assert (order.status, order.bank_transfer.status) == ("Awaiting payment", "awaiting")
    assert order.bank_transfer.confirmed_by is None


def test_signed_out_visitor_is_sent_to_sign_in(client, product):
    place_transfer_order(client, product)
    client.logout()
    number = Order.objects.get().number

    response = client.post(
        reverse("checkout:bank-transfer-confirm", kwargs={"order_number": number})
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login"))
    assert Order.objects.get().status == "Awaiting payment"


def test_administrator_confirms_any_transfer(client, product):
    place_transfer_order(client, product)
    admin = UserFactory(is_staff=True, is_superuser=True)

    confirm_bank_transfer(order=Order.objects.get(), user=admin)
    confirm_bank_transfer(order=Order.objects.get(), user=admin)  # twice is harmless

    assert Order.objects.get().status == "Paid"
    assert Order.objects.get().payment_events.filter(event_type__name="Paid").count() == 1


def test_unpaid_order_expires_and_its_piece_goes_back_on_sale(client, product):
    place_transfer_order(client, product)
    order = Order.objects.get()
    BankTransfer.objects.filter(order=order).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    call_command("expire_unpaid_orders")

    order.refresh_from_db()
    assert (order.status, order.bank_transfer.status) == ("Cancelled", "expired")
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated, stock.net_stock_level) == (1, 0, 1)
    assert order.lines.get().allocation_cancelled is True
    # The money arriving now cannot revive it: the piece may be someone else's.
    admin = UserFactory(is_staff=True, is_superuser=True)
    with pytest.raises(TransferNotConfirmable):
        confirm_bank_transfer(order=order, user=admin)
    assert Order.objects.get().status == "Cancelled"


def test_orders_still_within_their_hold_are_left_alone(client, product):
    place_transfer_order(client, product)

    call_command("expire_unpaid_orders")

    assert Order.objects.get().status == "Awaiting payment"
    assert StockRecord.objects.get(product=product).net_stock_level == 0


def test_bank_transfer_is_only_offered_to_rupiah_buyers(client, product):
    checkout_to_preview(client, product, currency="USD", address=ADDRESS_NL)

    page = client.get(reverse("checkout:payment-method"))
    refused = client.post(reverse("checkout:payment-method"), {"method": "bank-transfer"})
    placed = client.post(
        reverse("checkout:preview"), {"action": "place_order", "amount_minor": "3283"}
    )

    assert [value for value, _ in page.context["form"].fields["method"].choices] == ["card"]
    assert refused.status_code == 200 and refused.context["form"].errors["method"]
    assert placed.status_code == 400
    assert Order.objects.count() == 0


def test_piece_sold_meanwhile_places_no_transfer_order(client, product, monkeypatch):
    checkout_to_preview(client, product, method="bank-transfer")
    # Another buyer takes the piece after the page's basket check, before the lock.
    monkeypatch.setattr(
        "marketplace.oscar_apps.checkout.session.CheckoutSessionMixin.check_basket_is_valid",
        lambda self, request: None,
    )
    StockRecord.objects.filter(product=product).update(num_allocated=1)

    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "amount_minor": "50000000"}
    )

    assert response.url == reverse("basket:summary")
    assert str(list(response.wsgi_request._messages)[-1]) == (
        "Maaf, “Kain Mrico Bolong” baru saja habis terjual: pembeli lain mengambil barang terakhir."
    )
    assert Order.objects.count() == 0
    assert BankTransfer.objects.count() == 0


def test_a_price_change_before_placing_a_transfer_order_shows_the_new_total(client, product):
    checkout_to_preview(client, product, method="bank-transfer")
    StockRecord.objects.filter(product=product).update(price=Decimal("520000"))

    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "amount_minor": "50000000"}
    )

    assert response.status_code == 200
    assert response.context["error"] == (
        "Harga keranjang Anda berubah saat Anda membayar. Silakan periksa kembali."
    )
    assert response.context["amount_minor"] == 54_000_000
    assert Order.objects.count() == 0


def test_transfer_list_shows_a_managers_orders_with_constant_queries(
    client, centre, shop, django_assert_max_num_queries
):
    manager = manager_of(centre)
    artisan = ArtisanFactory(centre=centre)

    def buy(n):
        for i in range(n):
            buyer = type(client)()
            product = ProductFactory(artisan=artisan, title=f"Kain {n}-{i}")
            place_transfer_order(buyer, product, email=f"b{n}{i}@example.com")

    other = ProductFactory()  # another centre's order: not listed
    place_transfer_order(type(client)(), other, email="x@example.com")
    buy(1)
    client.force_login(manager)
    reset_queries()  # the query log is capped; measure from an empty one
    with django_assert_max_num_queries(25) as one:
        page = client.get(reverse("checkout:bank-transfers"))
    queries_for_one = len(one)
    assert len(page.context["transfers"]) == 1
    buy(4)
    reset_queries()
    with django_assert_max_num_queries(queries_for_one):
        page = client.get(reverse("checkout:bank-transfers"))
    assert len(page.context["transfers"]) == 5


def test_staff_cancelling_an_unpaid_order_releases_its_piece_for_good(client, product):
    place_transfer_order(client, product)
    order = Order.objects.get()

    order.set_status("Cancelled")  # what Oscar's dashboard does
    BankTransfer.objects.filter(order=order).update(expires_at=timezone.now() - timedelta(hours=1))
    call_command("expire_unpaid_orders")

    stock = StockRecord.objects.get(product=product)
    assert (stock.num_allocated, stock.net_stock_level) == (0, 1)
    order.refresh_from_db()
    assert (order.status, order.bank_transfer.status) == ("Cancelled", "expired")
    with pytest.raises(TransferNotConfirmable):
        confirm_bank_transfer(order=order, user=UserFactory(is_staff=True, is_superuser=True))


def test_a_manager_sees_only_their_centres_pieces_of_an_order_shared_with_another(
    client, product, centre
):
    lasem = CentreFactory(name="Sentra Batik Lasem")
    neighbour = ProductFactory(title="Tas Lasem", artisan=ArtisanFactory(centre=lasem))
    order = place_order((product, 1), (neighbour, 1), user=UserFactory())
    BankTransfer.objects.create(
        order=order, amount=order.total_incl_tax, expires_at=timezone.now() + timedelta(hours=24)
    )

    client.force_login(manager_of(centre))
    page = client.get(reverse("checkout:bank-transfers"))

    (transfer,) = page.context["transfers"]
    assert [line.title for line in transfer.order.centre_lines] == ["Kain Mrico Bolong"]
    html = page.content.decode()
    assert "Kain Mrico Bolong" in html
    assert "Tas Lasem" not in html
