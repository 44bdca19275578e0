"""The Stripe webhook endpoint, fuzzed: unsigned or badly signed requests get 400 and
write nothing; validly signed but malformed events never make a server error and
never change an order or a payment."""

import json
import time
from decimal import Decimal

import pytest
from hypothesis import strategies as st
from oscar.core.loading import get_model

from marketplace.payments.models import WebhookEvent
from tests.checkout.flow import signature_for
from tests.fuzzing import fuzz, nasty_text

CardPayment = get_model("order", "CardPayment")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

URL = "/checkout/stripe/webhook/"
SECRET = "whsec_fuzz_secret"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def payment(db):
    """A payment of ours waiting for 3-D Secure: no fuzzed event may move it."""
    return CardPayment.objects.create(
        basket=Basket.objects.create(status=Basket.FROZEN),
        order_number="100001",
        payment_intent_id="pi_ours_waiting",
        status=CardPayment.Status.REQUIRES_ACTION,
        language="id",
        currency="IDR",
        amount=Decimal("270000.00"),
        amount_minor=27_000_000,
        shipping_address={},
        shipping_method_code="reguler",
    )


def payment_state(payment):
    row = CardPayment.objects.values_list("status", "payment_intent_id", "order_id").get(
        pk=payment.pk
    )
    return row, Basket.objects.get(pk=payment.basket_id).status


signatures = st.one_of(
    nasty_text(200),
    st.builds(
        lambda t, v: f"t={t},v1={v}",
        st.one_of(st.integers(), nasty_text(12)),
        st.one_of(st.text("0123456789abcdef", min_size=64, max_size=64), nasty_text(70)),
    ),
)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "",
    ]
)


def test_unsigned_or_badly_signed_requests_get_400_and_write_nothing(client):
    def send(example):
        body, signature, content_type = example
        headers = {} if signature is None else {"HTTP_STRIPE_SIGNATURE": signature}
        return client.generic("POST", URL, body, content_type=content_type, **headers)

    fuzz(
        "stripe-webhook-unsigned",
        st.tuples(
            st.one_of(st.binary(max_size=2000), nasty_text(500).map(str.encode)),
            st.one_of(st.none(), signatures),
            content_types,
        ),
        send=send,
        watch=[WebhookEvent, Order, CardPayment, Basket],
        allowed_writes=lambda response, delta: response.status_code == 400 and delta == {},
    )


json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), nasty_text(40)
)
json_values = st.recursive(
    json_leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(nasty_text(12), children, max_size=4)
    ),
    max_leaves=12,
)
INTENT_TYPES = [
    "payment_intent.succeeded",
    "payment_intent.amount_capturable_updated",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
]
event_types = st.one_of(
    st.sampled_from([*INTENT_TYPES, "charge.refunded", "customer.created", "payment_intent."]),
    json_values,
)
intents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.just("pi_unknown_123"), json_values),
            "object": st.just("payment_intent"),
            "status": st.one_of(st.sampled_from(["succeeded", "requires_capture"]), json_values),
            "amount": st.one_of(st.integers(), json_values),
            "currency": st.one_of(st.sampled_from(["idr", "usd"]), json_values),
            "metadata": st.one_of(
                json_values,
                st.fixed_dictionaries(
                    {"card_payment": st.one_of(st.sampled_from(["1", "²", "9" * 40]), json_values)}
                ),
            ),
        },
    ),
)
events = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(
            st.text("abcdef0123456789_", min_size=1, max_size=30).map("evt_".__add__), json_values
        ),
        "object": st.just("event"),
        "type": event_types,
        "created": st.one_of(st.integers(), json_values),
        "data": st.one_of(json_values, st.fixed_dictionaries({}, optional={"object": intents})),
    },
)


def test_signed_but_malformed_events_never_fail_or_change_state(client, payment):
    original = payment_state(payment)

    def send(event):
        body = json.dumps(event).encode()
        return client.post(
            URL,
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature_for(body, secret=SECRET, timestamp=int(time.time())),
        )

    def allowed(response, delta):
        if payment_state(payment) != original:
            return False
        # An event shaped like Stripe's is stored (once) and ignored: it names no
        # payment of ours. Anything else is refused whole.
        if response.status_code == 200:
            return delta in ({}, {"payments.WebhookEvent": 1})
        return response.status_code == 400 and delta == {}

    fuzz(
        "stripe-webhook-signed-malformed",
        st.one_of(events, json_values),
        send=send,
        watch=[WebhookEvent, Order, CardPayment, Basket],
        allowed_writes=allowed,
    )
