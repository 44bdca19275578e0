"""The Stripe adapter: what it sends, against the offline Stripe and for real Stripe."""

import json
from types import SimpleNamespace

import pytest
import stripe

from marketplace.payments import gateway
from tests.checkout.flow import CARD_DECLINED, card_token, signature_for


class RecordingHTTPClient(stripe.RequestsClient):
    """Stripe's own HTTP client, remembering the headers of every request."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def request(self, method, url, headers, post_data=None):
        self.sent.append((method, url.split("/v1/")[-1], dict(headers)))
        return super().request(method, url, headers, post_data)


@pytest.fixture
def recorded(fake_stripe, monkeypatch, settings):
    http = RecordingHTTPClient()
    client = stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": fake_stripe.url}, http_client=http
    )
    monkeypatch.setattr(gateway, "_client", lambda: client)
    return http


def test_every_call_that_moves_money_carries_the_callers_idempotency_key(recorded):
    kept = gateway.create_card_payment(
        amount_minor=15_000_000,
        currency="IDR",
        card_token=card_token(),
        metadata={"order_number": "100001"},
        idempotency_key="create-1",
    )
    gateway.capture_payment(kept.id, idempotency_key="capture-1")
    gateway.refund_payment(kept.id, idempotency_key="refund-1", amount_minor=5_000_000)
    released = gateway.create_card_payment(
        amount_minor=2500,
        currency="USD",
        card_token=card_token(),
        metadata={},
        idempotency_key="create-2",
    )
    gateway.cancel_payment(released.id, idempotency_key="cancel-2")

    posts = [(path, headers.get("Idempotency-Key")) for method, path, headers in recorded.sent]
    posts = [(path, key) for path, key in posts if not path.startswith("tokens")]
    assert posts == [
        ("payment_intents", "create-1"),
        (f"payment_intents/{kept.id}/capture", "capture-1"),
        ("refunds", "refund-1"),
        ("payment_intents", "create-2"),
        (f"payment_intents/{released.id}/cancel", "cancel-2"),
    ]


def test_authorisation_is_manual_capture_in_minor_units(fake_stripe):
    intent = gateway.create_card_payment(
        amount_minor=15_000_000,
        currency="IDR",
        card_token=card_token(),
        metadata={"card_payment": "7"},
        idempotency_key="k",
    )

    assert (intent.status, intent.amount_minor, intent.currency) == (
        "requires_capture",
        15_000_000,
        "IDR",
    )
    assert intent.metadata == {"card_payment": "7"}


def test_declined_card_is_reported_with_stripes_message(fake_stripe):
    with pytest.raises(gateway.PaymentDeclined, match="Your card was declined.") as declined:
        gateway.create_card_payment(
            amount_minor=100,
            currency="USD",
            card_token=card_token(CARD_DECLINED),
            metadata={},
            idempotency_key="k",
        )
    assert declined.value.code == "card_declined"


def test_real_stripe_gets_the_card_token_as_payment_method_data(settings, monkeypatch):
    settings.STRIPE_OFFLINE = False
    sent = {}

    def create(params, options):
        sent.update(params=params, options=options)
        return stripe.PaymentIntent.construct_from(
            {"id": "pi_1", "status": "requires_capture", "amount": 100, "currency": "usd"},
            "sk_test",
        )

    fake_client = SimpleNamespace(
        v1=SimpleNamespace(payment_intents=SimpleNamespace(create=create))
    )
    monkeypatch.setattr(gateway, "_client", lambda: fake_client)

    gateway.create_card_payment(
        amount_minor=100,
        currency="USD",
        card_token="tok_visa",
        metadata={"order_number": "100001"},
        idempotency_key="create-9",
    )

    assert sent == {
        "params": {
            "amount": 100,
            "currency": "usd",
            "confirm": True,
            "capture_method": "manual",
            "payment_method_types": ["card"],
            "metadata": {"order_number": "100001"},
            "payment_method_data": {"type": "card", "card": {"token": "tok_visa"}},
        },
        "options": {"idempotency_key": "create-9"},
    }


def test_webhook_with_a_good_signature_is_parsed(settings):
    payload = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded"}).encode()

    event = gateway.parse_webhook(payload, signature_for(payload))

    assert (event["id"], event["type"]) == ("evt_1", "payment_intent.succeeded")


@pytest.mark.parametrize(
    "header",
    ["", "t=1,v1=deadbeef", None],
)
def test_webhook_without_a_valid_signature_is_refused(header):
    payload = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded"}).encode()
    with pytest.raises(gateway.InvalidSignature):
        gateway.parse_webhook(
            payload, header if header is not None else signature_for(payload, secret="whsec_x")
        )
