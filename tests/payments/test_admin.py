"""Staff see exchange rates, payments and webhook events in the admin."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:payments_exchangerate_changelist",
        "admin:payments_webhookevent_changelist",
        "admin:order_cardpayment_changelist",
        "admin:order_banktransfer_changelist",
    ],
)
def test_superuser_sees_the_payment_records(client, shop, url_name):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(reverse(url_name)).status_code == 200


def test_payment_records_cannot_be_added_by_hand(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(reverse("admin:order_cardpayment_add")).status_code == 403
