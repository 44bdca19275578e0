"""The stock ledger: one append-only row per change of a stock record's level."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.append_only import AppendOnlyModel


class StockChangeReason(models.TextChoices):
    """Why a stock level changed. Each reason goes one way only, except corrections."""

    PRODUCED = "produced", _("Produced")
    SOLD = "sold", _("Sold")
    DAMAGED = "damaged", _("Damaged")
    RETURNED = "returned", _("Returned")
    CORRECTION = "correction", _("Correction")

    @classmethod
    def increasing(cls) -> tuple[str, ...]:
        return (cls.PRODUCED, cls.RETURNED)

    @classmethod
    def decreasing(cls) -> tuple[str, ...]:
        return (cls.SOLD, cls.DAMAGED)


class StockChangeSource(models.TextChoices):
    """Where a change was made, for reading the ledger later."""

    DASHBOARD = "dashboard", _("Dashboard")
    CSV_IMPORT = "csv", _("CSV import")
    COMMAND = "command", _("Command line")
    ORDER = "order", _("Order fulfilment")


class StockLedgerEntry(AppendOnlyModel):
    """One change of one stock record: who, when, by how much, why, and the result."""

    # History outlives the stock record: if staff delete a product, its entries stay,
    # identified by the SKU and title they had.
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.SET_NULL,
        null=True,
        related_name="ledger_entries",
        verbose_name=_("stock record"),
    )
    sku = models.CharField(_("SKU"), max_length=128)
    product_title = models.CharField(_("product"), max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    change = models.IntegerField(_("change"))
    reason = models.CharField(_("reason"), max_length=16, choices=StockChangeReason.choices)
    num_in_stock_after = models.PositiveIntegerField(_("in stock after"))
    num_allocated_after = models.PositiveIntegerField(_("allocated after"))
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=StockChangeSource.choices,
        default=StockChangeSource.DASHBOARD,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stock ledger entry")
        verbose_name_plural = _("stock ledger entries")
        indexes = [
            models.Index(fields=["stockrecord", "-created_at"], name="stock_ledger_record_time")
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(change=0), name="stock_ledger_change_not_zero"),
            models.CheckConstraint(
                condition=Q(num_in_stock_after__gte=F("num_allocated_after")),
                name="stock_ledger_stock_not_below_allocated",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=StockChangeReason.increasing(), change__gt=0)
                | Q(reason__in=StockChangeReason.decreasing(), change__lt=0)
                | Q(reason=StockChangeReason.CORRECTION),
                name="stock_ledger_reason_matches_direction",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.sku} {self.change:+d} {self.get_reason_display()} → {self.num_in_stock_after}"
        )

    @property
    def num_available_after(self) -> int:
        return self.num_in_stock_after - self.num_allocated_after
