"""The one module that talks to Stripe.

Every call the shop makes to Stripe is a function here, so the parameters each call
sends are in one place. Two servers answer them:

- *offline* (the default, ``settings.STRIPE_OFFLINE``): localstripe on 127.0.0.1, a
  fake, stateful Stripe. It rejects parameters it does not know (``description``,
  ``receipt_email``, ``automatic_payment_methods``, a refund ``reason``…), ignores
  idempotency keys, and takes a card token's card id as ``payment_method``;
- *Stripe* itself, when ``STRIPE_SECRET_KEY``, ``STRIPE_PUBLISHABLE_KEY`` and
  ``STRIPE_WEBHOOK_SECRET`` are set: a token is passed as ``payment_method_data``.

Amounts are integers in Stripe's minor units (see ``marketplace.core.money``);
currencies are ISO codes. Every create, capture, cancel and refund carries an
idempotency key chosen by the caller, so a retried request never charges twice.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

import stripe
from django.conf import settings


class GatewayError(Exception):
    """Stripe was unreachable or refused a request for a reason the buyer cannot fix."""


class PaymentDeclined(GatewayError):
    """The card was declined; ``str(exc)`` is Stripe's message for the buyer."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class InvalidSignature(Exception):
    """A webhook's signature does not match its body (or is missing or too old)."""


@dataclass(frozen=True)
class Intent:
    """What the shop needs to know of a Stripe PaymentIntent."""

    id: str
    status: str
    amount_minor: int
    currency: str
    client_secret: str = ""
    metadata: dict = field(default_factory=dict)
    error_message: str = ""
    error_code: str = ""

    @property
    def is_authorised(self) -> bool:
        return self.status == "requires_capture"


@lru_cache(maxsize=8)
def _client_for(secret_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        secret_key,
        base_addresses={"api": api_base} if api_base else None,
        max_network_retries=2,
    )


def _client() -> stripe.StripeClient:
    return _client_for(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


def _intent(obj) -> Intent:
    obj = obj.to_dict()
    error = obj.get("last_payment_error") or {}
    return Intent(
        id=obj["id"],
        status=obj["status"],
        amount_minor=int(obj["amount"]),
        currency=str(obj["currency"]).upper(),
        client_secret=obj.get("client_secret") or "",
        metadata=dict(obj.get("metadata") or {}),
        error_message=(error.get("message") or "") if isinstance(error, dict) else "",
        error_code=(error.get("code") or "") if isinstance(error, dict) else "",
    )


def _call(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except stripe.CardError as exc:
        raise PaymentDeclined(exc.user_message or str(exc), exc.code or "") from exc
    except stripe.StripeError as exc:
        raise GatewayError(exc.user_message or str(exc)) from exc


def create_card_payment(
    *,
    amount_minor: int,
    currency: str,
    card_token: str,
    metadata: dict[str, str],
    idempotency_key: str,
) -> Intent:
    """Authorise (not capture) ``amount_minor`` on the card behind ``card_token``.

    Returns the intent: ``requires_capture`` when authorised, ``requires_action``
    when the bank wants 3-D Secure (the page then calls ``confirmCardPayment``).
    Raises :class:`PaymentDeclined` when the card is refused.
    """
    client = _client()
    params = {
        "amount": amount_minor,
        "currency": currency.lower(),
        "confirm": True,
        "capture_method": "manual",
        "payment_method_types": ["card"],
        "metadata": metadata,
    }
    if settings.STRIPE_OFFLINE:
        token = _call(client.v1.tokens.retrieve, card_token)
        params["payment_method"] = token.to_dict()["card"]["id"]
    else:
        params["payment_method_data"] = {"type": "card", "card": {"token": card_token}}
    obj = _call(client.v1.payment_intents.create, params, {"idempotency_key": idempotency_key})
    return _intent(obj)


def retrieve_payment(intent_id: str) -> Intent:
    return _intent(_call(_client().v1.payment_intents.retrieve, intent_id))


def capture_payment(intent_id: str, *, idempotency_key: str) -> Intent:
    """Take the authorised money. Only after the order holds its stock."""
    obj = _call(
        _client().v1.payment_intents.capture,
        intent_id,
        options={"idempotency_key": idempotency_key},
    )
    return _intent(obj)


def cancel_payment(intent_id: str, *, idempotency_key: str) -> Intent:
    """Release an authorisation: the buyer is never charged for it."""
    obj = _call(
        _client().v1.payment_intents.cancel,
        intent_id,
        options={"idempotency_key": idempotency_key},
    )
    return _intent(obj)


def refund_payment(intent_id: str, *, idempotency_key: str, amount_minor: int | None = None):
    """Refund a captured payment (all of it unless ``amount_minor`` is given)."""
    params: dict = {"payment_intent": intent_id}
    if amount_minor is not None:
        params["amount"] = amount_minor
    obj = _call(_client().v1.refunds.create, params, {"idempotency_key": idempotency_key})
    return obj["id"]


def parse_webhook(payload: bytes, signature_header: str) -> dict:
    """The event in a webhook request, after checking its signature on the raw body."""
    if not signature_header.isascii():
        # Stripe's check would compare it with hmac.compare_digest, which raises
        # TypeError on non-ASCII text (a header byte above 0x7f arrives as Latin-1).
        raise InvalidSignature("signature header is not ASCII")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            signature_header,
            settings.STRIPE_WEBHOOK_SECRET,
            stripe.Webhook.DEFAULT_TOLERANCE,
        )
        event = json.loads(payload)
    except (
        stripe.SignatureVerificationError,
        UnicodeDecodeError,
        ValueError,
        RecursionError,  # absurdly deep nesting
    ) as exc:
        raise InvalidSignature(str(exc)) from exc
    problem = _event_shape_problem(event)
    if problem:
        raise InvalidSignature(f"not a Stripe event: {problem}")
    return event


EVENT_ID_MAX_LENGTH = 255  # payments.WebhookEvent.event_id
EVENT_TYPE_MAX_LENGTH = 100  # payments.WebhookEvent.type


def _event_shape_problem(event) -> str:
    """Why a signed body is not shaped like a Stripe event ("" when it is).

    Stripe signs only what Stripe sends, so this matters when the secret leaks or
    Stripe changes shape: the webhook refuses such a body with 400 instead of failing
    on it (or storing text PostgreSQL cannot hold).
    """
    if not isinstance(event, dict):
        return "not an object"
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not 0 < len(event_id) <= EVENT_ID_MAX_LENGTH:
        return "bad id"
    if not isinstance(event_type, str) or not 0 < len(event_type) <= EVENT_TYPE_MAX_LENGTH:
        return "bad type"
    data = event.get("data", {})
    if not isinstance(data, dict) or not isinstance(data.get("object", {}), dict):
        return "data.object is not an object"
    metadata = data.get("object", {}).get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return "metadata is not an object"
    if _has_nul(event):
        return "NUL character"
    return ""


def _has_nul(value) -> bool:
    """Any NUL in a key or string (PostgreSQL's text and jsonb cannot store one)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
