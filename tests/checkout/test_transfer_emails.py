"""The buyer hears, in their own language, when their bank transfer arrived or ran out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from marketplace.oscar_apps.checkout.services.bank_transfer import (
    confirm_bank_transfer,
    expire_bank_transfers,
)
from marketplace.oscar_apps.order.statuses import OrderStatus
from tests.factories import ArtisanFactory, ProductFactory, centre_manager, placed_order

pytestmark = pytest.mark.django_db

BankTransfer = get_model("order", "BankTransfer")


def awaiting(language, *, expires_in=timedelta(hours=24)):
    artisan = ArtisanFactory()
    order = placed_order(
        (ProductFactory(artisan=artisan), 1, "350000"), status=OrderStatus.AWAITING_PAYMENT
    )
    order.language = language
    order.save()
    BankTransfer.objects.create(
        order=order,
        amount=order.total_incl_tax,
        currency="IDR",
        expires_at=timezone.now() + expires_in,
    )
    return order, artisan


def test_a_confirmed_transfer_is_announced_to_the_buyer(django_capture_on_commit_callbacks):
    order, artisan = awaiting("en")
    with django_capture_on_commit_callbacks(execute=True):
        confirm_bank_transfer(order=order, user=centre_manager(artisan.centre))
    (message,) = mail.outbox
    assert message.to == ["buyer@example.com"]
    assert message.subject == f"Payment received for order {order.number}"
    assert "Amount received: IDR350,000" in message.body.splitlines()


def test_the_confirmation_is_written_in_the_buyers_language(django_capture_on_commit_callbacks):
    order, artisan = awaiting("id")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        confirm_bank_transfer(order=order, user=centre_manager(artisan.centre))
    (message,) = mail.outbox
    with translation.override("id"):
        rupiah = currency(order.total_incl_tax, "IDR")
    assert rupiah != "IDR350,000"
    assert rupiah in message.body


def test_confirming_twice_mails_once(django_capture_on_commit_callbacks):
    order, artisan = awaiting("en")
    manager = centre_manager(artisan.centre)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_bank_transfer(order=order, user=manager)
        confirm_bank_transfer(order=order, user=manager)
    assert len(mail.outbox) == 1


def test_an_expired_transfer_tells_the_buyer_the_order_is_cancelled(
    django_capture_on_commit_callbacks,
):
    order, _artisan = awaiting("en", expires_in=timedelta(minutes=-1))
    awaiting("en")  # still within its hold: no mail
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_bank_transfers() == [order.number]
    (message,) = mail.outbox
    assert message.subject == f"Order {order.number} was cancelled: no payment received"
