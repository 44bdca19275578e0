"""Settlement records: commission rate per centre, PPh 22 status per artisan, ledger.

The ledger is append-only. A row is never updated or deleted — not through the ORM
(the model and its queryset refuse) and not in SQL (database triggers refuse, see
migration 0002). A mistake is corrected by a new entry.

Each entry belongs to an *account*: one artisan, at one centre (the centre snapshot of
the order line it came from, or the centre whose manager recorded a payout), in one
currency. Amounts are signed from the artisan's side: positive is owed to the
artisan (a sale), negative reduces what is owed (commission, tax, refund, payout).
The balance of an account is the sum of its entries; :class:`SettlementAccount`
keeps those sums per account, updated in the same transaction as every entry, so
balance pages read one row per account instead of summing the whole history.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.append_only import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError"]  # re-exported: callers catch it from here


class CommissionRate(models.Model):
    """The marketplace's commission on sales made through one centre."""

    centre = models.OneToOneField(
        "centres.Centre",
        on_delete=models.CASCADE,
        related_name="commission_rate",
        verbose_name=_("centre"),
    )
    rate = models.DecimalField(
        _("commission rate"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.5"))],
        help_text=_("A fraction of the sale price: 0.1000 is 10%."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=Decimal("0.5")),
                name="commission_rate_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre}: {self.rate * 100:.2f}%"


class Pph22Status(models.TextChoices):
    """Whether the marketplace withholds PPh 22 (0.5%) on an artisan's sales.

    PMK 37/2025: withheld from sellers with a yearly turnover above Rp500 juta; a
    small seller who files a statement that their turnover stays below it is not
    withheld until the turnover passes it; a seller with an exemption certificate is
    never withheld. Without either, tax is withheld.
    """

    WITHHELD = "withheld", _("Withheld (no statement filed)")
    STATEMENT = "statement", _("Turnover statement filed (up to Rp500 juta a year)")
    EXEMPT = "exempt", _("Exempt (exemption certificate)")


class ArtisanTaxProfile(models.Model):
    artisan = models.OneToOneField(
        "centres.Artisan",
        on_delete=models.CASCADE,
        related_name="tax_profile",
        verbose_name=_("artisan"),
    )
    pph22_status = models.CharField(
        _("PPh 22 status"),
        max_length=16,
        choices=Pph22Status.choices,
        default=Pph22Status.WITHHELD,
    )
    reference = models.CharField(_("statement or certificate number"), max_length=128, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("artisan tax profile")
        verbose_name_plural = _("artisan tax profiles")

    def __str__(self) -> str:
        return f"{self.artisan}: {self.get_pph22_status_display()}"


class EntryKind(models.TextChoices):
    SALE = "sale", _("Sale")
    COMMISSION = "commission", _("Commission")
    PPH22 = "pph22", _("PPh 22 withheld")
    REFUND = "refund", _("Refund")
    COMMISSION_REFUND = "commission_refund", _("Commission returned (refund)")
    PPH22_REFUND = "pph22_refund", _("PPh 22 returned (refund)")
    PAYOUT = "payout", _("Payout")
    CORRECTION = "correction", _("Correction")


# One entry of each of these per order line; one set of refund entries per refund.
PER_LINE_KINDS = (EntryKind.SALE, EntryKind.COMMISSION, EntryKind.PPH22)
REFUND_KINDS = (EntryKind.REFUND, EntryKind.COMMISSION_REFUND, EntryKind.PPH22_REFUND)
# The sign each kind's amount must have (corrections may have either).
CREDIT_KINDS = (EntryKind.SALE, EntryKind.COMMISSION_REFUND, EntryKind.PPH22_REFUND)
DEBIT_KINDS = (EntryKind.COMMISSION, EntryKind.PPH22, EntryKind.REFUND, EntryKind.PAYOUT)


class LedgerEntry(AppendOnlyModel):
    """One movement on an artisan's settlement account. Never changed once written."""

    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("artisan"),
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("centre"),
    )
    currency = models.CharField(_("currency"), max_length=3)
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    effective_date = models.DateField(
        _("date"), help_text=_("When it happened: the order date, or the transfer date.")
    )
    order_line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("order line"),
    )
    order_number = models.CharField(_("order number"), max_length=128, blank=True)
    quantity = models.PositiveIntegerField(_("units"), null=True, blank=True)
    base_amount = models.DecimalField(
        _("base amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The amount a rate was applied to (sales: the price before VAT)."),
    )
    rate = models.DecimalField(_("rate"), max_digits=6, decimal_places=4, null=True, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=128,
        blank=True,
        help_text=_("Payouts: the bank transfer reference. Refunds: the refund reference."),
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects entry"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["effective_date", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            # Covering on PostgreSQL: an account's ledger, statement and balance are
            # read from the index alone.
            models.Index(
                fields=["centre", "artisan", "currency", "effective_date"],
                include=["kind", "amount"],
                name="sales_ledger_account_date",
            ),
            models.Index(fields=["kind", "effective_date"], name="sales_ledger_kind_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "kind"],
                condition=Q(kind__in=["sale", "commission", "pph22"]),
                name="ledger_one_posting_per_line_and_kind",
            ),
            models.UniqueConstraint(
                fields=["order_line", "kind", "reference"],
                condition=Q(kind__in=["refund", "commission_refund", "pph22_refund"]),
                name="ledger_one_refund_posting_per_reference",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["sale", "commission_refund", "pph22_refund"])
                | Q(amount__gte=0),
                name="ledger_credit_kinds_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["commission", "pph22", "refund"]) | Q(amount__lte=0),
                name="ledger_debit_kinds_not_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind="payout") | (Q(amount__lt=0) & ~Q(reference="")),
                name="ledger_payout_negative_with_reference",
            ),
            models.CheckConstraint(
                condition=Q(order_line__isnull=False)
                | ~Q(
                    kind__in=[
                        "sale",
                        "commission",
                        "pph22",
                        "refund",
                        "commission_refund",
                        "pph22_refund",
                    ]
                ),
                name="ledger_order_postings_name_their_line",
            ),
            models.CheckConstraint(
                condition=~Q(kind="correction") | Q(corrects__isnull=False),
                name="ledger_correction_names_its_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency} ({self.artisan_id})"

    @property
    def is_correctable(self) -> bool:
        """Payouts and corrections made by hand can be reversed; order postings not."""
        return self.kind == EntryKind.PAYOUT


class SettlementAccount(models.Model):
    """The running totals of one account's entries (artisan, centre, currency).

    Derived data: written only by the services in the transaction that appends the
    entries, and checked against the entries by
    :func:`marketplace.sales.selectors.accounts_out_of_step`.
    """

    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.PROTECT,
        related_name="settlement_accounts",
        verbose_name=_("artisan"),
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        related_name="settlement_accounts",
        verbose_name=_("centre"),
    )
    currency = models.CharField(_("currency"), max_length=3)
    sales_amount = models.DecimalField(
        _("sales, net of refunds"), max_digits=16, decimal_places=2, default=Decimal("0")
    )
    commission_amount = models.DecimalField(
        _("commission"), max_digits=16, decimal_places=2, default=Decimal("0")
    )
    tax_amount = models.DecimalField(
        _("PPh 22 withheld"), max_digits=16, decimal_places=2, default=Decimal("0")
    )
    payouts_amount = models.DecimalField(
        _("paid out"), max_digits=16, decimal_places=2, default=Decimal("0")
    )
    balance_amount = models.DecimalField(
        _("balance"), max_digits=16, decimal_places=2, default=Decimal("0")
    )
    last_payout_on = models.DateField(_("last payout"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["centre__name", "artisan__name", "currency"]
        verbose_name = _("settlement account")
        verbose_name_plural = _("settlement accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["artisan", "centre", "currency"], name="one_settlement_account"
            )
        ]
        indexes = [
            models.Index(fields=["centre", "balance_amount"], name="sales_account_centre_owed")
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id}@{self.centre_id} {self.balance_amount} {self.currency}"


# Which running total each kind of entry adds to.
TOTAL_OF_KIND = {
    EntryKind.SALE: "sales_amount",
    EntryKind.REFUND: "sales_amount",
    EntryKind.COMMISSION: "commission_amount",
    EntryKind.COMMISSION_REFUND: "commission_amount",
    EntryKind.PPH22: "tax_amount",
    EntryKind.PPH22_REFUND: "tax_amount",
    EntryKind.PAYOUT: "payouts_amount",
    EntryKind.CORRECTION: "payouts_amount",
}
