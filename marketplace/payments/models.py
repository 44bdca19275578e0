"""Exchange rates set by people, and Stripe events exactly as they arrived."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    IDR = "IDR", _("Indonesian rupiah (Rp)")
    USD = "USD", _("US dollar (US$)")


class ExchangeRate(models.Model):
    """How many rupiah one unit of a foreign currency is priced at, from ``set_at`` on.

    Rows are never edited: a new rate is a new row, so the table is the history of
    who set which rate when, and an order can point at the rate it was priced with.
    """

    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=[(Currency.USD.value, Currency.USD.label)],
        default=Currency.USD,
    )
    idr_per_unit = models.DecimalField(
        _("rupiah per unit"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("e.g. 16250 means US$1 = Rp16.250"),
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now, db_index=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        get_latest_by = ["set_at", "pk"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.CheckConstraint(condition=Q(idr_per_unit__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.idr_per_unit:,.2f} IDR"


class WebhookEvent(models.Model):
    """One Stripe event, stored once per event id whatever how often it is delivered."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe webhook event")
        verbose_name_plural = _("Stripe webhook events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"

    @property
    def object_id(self) -> str:
        """The id of the Stripe object the event is about (e.g. a PaymentIntent)."""
        return str(self.payload.get("data", {}).get("object", {}).get("id", ""))
