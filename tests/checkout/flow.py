"""Drive the checkout as a buyer's browser would, with Django's test client.

Also what Stripe.js does in the browser (card tokens, the 3-D Secure step) and what
Stripe does to the shop (signed webhooks), against the offline fake.
"""

import hashlib
import hmac
import json
import time
import urllib.request

from django.conf import settings
from django.urls import reverse

from marketplace.payments import gateway

ADDRESS_ID = {
    "first_name": "Sri",
    "last_name": "Wahyuni",
    "line1": "Jalan Kedungsari 12",
    "line4": "Kota Mojokerto",
    "postcode": "61316",
    "country": "ID",
}
ADDRESS_NL = {
    "first_name": "Anna",
    "last_name": "de Vries",
    "line1": "Prinsengracht 100",
    "line4": "Amsterdam",
    "postcode": "1015 EA",
    "country": "NL",
}

CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"
CARD_3DS = "4000002500003155"


def checkout_to_preview(
    client,
    product,
    *,
    email: str = "buyer@example.com",
    address: dict = ADDRESS_ID,
    method: str = "card",
    currency: str | None = None,
    quantity: int = 1,
    guest: bool = True,
    render_preview: bool = True,
):
    """Basket → (guest e-mail) → address → shipping method → payment method → preview."""
    if currency:
        client.post(reverse("checkout:set-currency"), {"currency": currency, "next": "/"})
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302, response
    if guest:
        response = client.post(
            reverse("checkout:index"), {"username": email, "options": "anonymous"}
        )
        assert response.status_code == 302, response
    response = client.post(reverse("checkout:shipping-address"), address)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.get(reverse("checkout:shipping-method"))
    assert response.url == reverse("checkout:payment-method"), response
    response = client.post(reverse("checkout:payment-method"), {"method": method})
    assert response.url == reverse("checkout:preview"), response
    return client.get(reverse("checkout:preview")) if render_preview else None


def card_token(number: str = CARD_OK) -> str:
    """What Stripe.js createToken gives the page for this card number."""
    card = {"number": number, "exp_month": "12", "exp_year": "2030", "cvc": "123"}
    return gateway._client().v1.tokens.create({"card": card})["id"]


def pay_by_card(client, *, amount_minor: int, number: str = CARD_OK):
    return client.post(
        reverse("checkout:card-pay"),
        {"token": card_token(number), "amount_minor": str(amount_minor)},
    )


def complete_3ds(client_secret: str, *, success: bool = True) -> None:
    """What Stripe.js confirmCardPayment does when the buyer passes (or fails) 3-D Secure."""
    intent_id = client_secret.split("_secret_")[0]
    url = (
        f"{settings.STRIPE_API_BASE}/v1/payment_intents/{intent_id}/_authenticate"
        f"?success={'true' if success else 'false'}"
    )
    body = json.dumps({"key": settings.STRIPE_PUBLISHABLE_KEY, "client_secret": client_secret})
    request = urllib.request.Request(url, data=body.encode(), method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


def intent_event(intent_id: str, event_type: str, *, event_id: str | None = None) -> dict:
    """A Stripe event about a PaymentIntent, shaped like Stripe's (object as it was)."""
    intent = gateway._client().v1.payment_intents.retrieve(intent_id)
    return {
        "id": event_id or f"evt_{event_type.replace('.', '_')}_{intent_id}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": json.loads(json.dumps(intent.to_dict()))},
    }


def signature_for(payload: bytes, *, secret: str | None = None, timestamp: int | None = None):
    timestamp = timestamp or int(time.time())
    secret = secret or settings.STRIPE_WEBHOOK_SECRET
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client, event: dict, *, secret: str | None = None):
    """POST ``event`` to the shop's webhook endpoint, signed as Stripe signs it."""
    payload = json.dumps(event).encode()
    return client.post(
        reverse("checkout:stripe-webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_for(payload, secret=secret),
    )
