"""Validly signed Stripe webhooks that are not shaped like Stripe's events (found by
tests/fuzz/test_stripe_webhook.py): refused with 400 or stored and ignored, never a
server error, nothing stored that PostgreSQL cannot hold."""

import json

import pytest
from django.urls import reverse

from marketplace.payments.models import WebhookEvent
from tests.checkout.flow import signature_for

pytestmark = pytest.mark.django_db

SECRET = "whsec_malformed_tests"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def post(client, body: bytes):
    return client.post(
        reverse("checkout:stripe-webhook"),
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_for(body, secret=SECRET),
    )


def event(**fields):
    return {"id": "evt_1", "type": "payment_intent.succeeded", **fields}


@pytest.mark.parametrize(
    "body",
    [
        event(type=7),
        event(type=["payment_intent.succeeded"]),
        event(id={"a": 1}),
        event(id="evt_" + "x" * 300),
        event(data=[1, 2]),
        event(data={"object": "pi_1"}),
        event(data={"object": {"id": "pi_1", "metadata": ["card_payment", "1"]}}),
        event(data={"object": {"id": "pi_1", "metadata": {"note": "a\x00b"}}}),
        event(type="payment_intent.\x00"),
        [event()],
    ],
    ids=[
        "type-int",
        "type-list",
        "id-object",
        "id-too-long",
        "data-list",
        "object-string",
        "metadata-list",
        "nul-in-metadata",
        "nul-in-type",
        "not-an-object",
    ],
)
def test_a_signed_body_not_shaped_like_an_event_is_refused(client, body):
    response = post(client, json.dumps(body).encode())
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


def test_absurdly_deep_json_is_refused(client):
    response = post(client, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize("card_payment", ["²", "9" * 40, "-1", "1.0"])
def test_metadata_naming_no_payment_is_stored_and_ignored(client, card_payment):
    body = event(data={"object": {"id": "pi_unknown", "metadata": {"card_payment": card_payment}}})
    response = post(client, json.dumps(body).encode())
    assert response.status_code == 200
    assert WebhookEvent.objects.get().processed_at is not None


@pytest.mark.parametrize("header", ["t=0,v1=\x80", "t=1,v1=é" + "0" * 63, "t=\xff,v1=ab"])
def test_a_non_ascii_signature_header_is_refused_not_a_server_error(client, header):
    """Found by the fuzz suite: Stripe's check raised TypeError on such a header."""
    response = client.post(
        reverse("checkout:stripe-webhook"),
        data=json.dumps(event()).encode(),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
