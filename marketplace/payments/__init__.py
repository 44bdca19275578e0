"""Payments, low floor: the Stripe gateway adapter, exchange rates and webhook events.

Owns every call to Stripe (``gateway``), the managed IDR exchange-rate table that
prices the shop in other currencies (``rates``), the raw Stripe events as they
arrived (``WebhookEvent``) and the offline fake of Stripe used by tests and the demo
(``fake_stripe``). It knows nothing of baskets or orders: placing an order from a
payment is the checkout's job, on the top floor.
"""
