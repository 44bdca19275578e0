"""Orders, and how they are paid.

Order lines remember who made the piece and where, as it was when sold: sales
reports and settlements read these snapshots, so they do not move when a product is
edited or an artisan changes centre later. An order remembers the buyer's language
(for its e-mails). ``CardPayment`` is one attempt to pay a basket by card, from
before the order exists until the money is captured; ``BankTransfer`` is an order
waiting for the buyer's transfer while it holds its stock.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class Order(AbstractOrder):
    language = models.CharField(
        _("buyer's language"),
        max_length=10,
        default=settings.LANGUAGE_CODE,
        help_text=_("E-mails about this order are written in this language."),
    )


class Line(AbstractLine):
    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("artisan"),
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("centre"),
    )
    artisan_name = models.CharField(_("artisan name"), max_length=200, blank=True)
    centre_name = models.CharField(_("centre name"), max_length=200, blank=True)
    # The product's kind (its Oscar product class, one of the fixed categories), kept
    # so sales by category do not move when a product is re-classed later.
    category_slug = models.CharField(_("category"), max_length=128, blank=True)
    category_name = models.CharField(_("category name"), max_length=128, blank=True)
    technique = models.CharField(_("technique"), max_length=16, blank=True)

    class Meta(AbstractLine.Meta):
        indexes = [
            # Sales reports of a centre manager read their centres' lines of the orders
            # in a period from this index alone (PostgreSQL; SQLite ignores INCLUDE).
            models.Index(
                fields=["centre", "order"],
                include=[
                    "quantity",
                    "line_price_incl_tax",
                    "artisan",
                    "artisan_name",
                    "centre_name",
                    "category_slug",
                    "category_name",
                    "technique",
                    "product",
                    "title",
                ],
                name="order_line_sales_by_centre",
            )
        ]

    def get_event_quantity(self, event):
        """This line's quantity in shipping ``event``, picked from the event's
        ``line_quantities`` when a page prefetched them (lines with
        ``shipping_events__line_quantities``): each line's shipping status without a
        query per line and event, where Oscar's ``get()`` made one. Not prefetched,
        Oscar's one-row query."""
        if "line_quantities" not in getattr(event, "_prefetched_objects_cache", {}):
            return super().get_event_quantity(event)
        for event_quantity in event.line_quantities.all():
            if event_quantity.line_id == self.pk:
                return event_quantity
        raise event.line_quantities.model.DoesNotExist(
            f"Line {self.pk} is not part of shipping event {event.pk}"
        )


class CardPayment(models.Model):
    """One attempt to pay a basket by card (a Stripe PaymentIntent, manual capture).

    It carries everything needed to place the order without the buyer's session, so
    a webhook can finish the order of a buyer who closed the tab. At most one live
    attempt exists per basket and one order per attempt (database constraints).
    """

    class Status(models.TextChoices):
        STARTED = "started", _("Started")
        REQUIRES_ACTION = "requires_action", _("Waiting for 3-D Secure")
        AUTHORISED = "authorised", _("Authorised, no order yet")
        ORDER_PLACED = "order_placed", _("Order placed, not yet captured")
        CAPTURED = "captured", _("Captured")
        FAILED = "failed", _("Failed (declined or not authenticated)")
        CANCELLED = "cancelled", _("Authorisation cancelled")
        REFUNDED = "refunded", _("Refunded")

    LIVE_STATUSES = (
        Status.STARTED,
        Status.REQUIRES_ACTION,
        Status.AUTHORISED,
        Status.ORDER_PLACED,
        Status.CAPTURED,
    )

    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.STARTED
    )
    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.PROTECT, related_name="card_payments"
    )
    order_number = models.CharField(_("order number"), max_length=128)
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="card_payment",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="card_payments",
    )
    guest_email = models.EmailField(_("guest e-mail"), blank=True)
    language = models.CharField(_("buyer's language"), max_length=10)
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    amount_minor = models.BigIntegerField(_("amount in Stripe minor units"))
    exchange_rate = models.ForeignKey(
        "payments.ExchangeRate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="card_payments",
    )
    shipping_address = models.JSONField(_("shipping address fields"))
    shipping_method_code = models.CharField(_("shipping method"), max_length=128)
    failure_message = models.TextField(_("why it failed"), blank=True)
    money_released_at = models.DateTimeField(
        _("money released at"),
        null=True,
        blank=True,
        help_text=_(
            "For a payment without an order: when Stripe confirmed that nothing is held "
            "on the card any more (authorisation cancelled, refunded, or declined)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("card payment")
        verbose_name_plural = _("card payments")
        constraints = [
            models.UniqueConstraint(
                fields=["basket"],
                condition=Q(
                    status__in=[
                        "started",
                        "requires_action",
                        "authorised",
                        "order_placed",
                        "captured",
                    ]
                ),
                name="one_live_card_payment_per_basket",
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="card_payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_intent_id or self.idempotency_key} ({self.status})"


class BankTransfer(models.Model):
    """An order paid by bank transfer: its stock is held until ``expires_at``."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting transfer")
        CONFIRMED = "confirmed", _("Received")
        EXPIRED = "expired", _("Expired, stock released")

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="bank_transfer"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.AWAITING
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    expires_at = models.DateTimeField(_("hold expires at"), db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expires_at"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self) -> str:
        return f"{self.order.number} ({self.status})"


from oscar.apps.order.models import *  # noqa: E402,F403 - Oscar's remaining models
