"""The review state of each product's listing, and its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.append_only import AppendOnlyModel


class ListingState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProductListing(models.Model):
    """Whether a product may be public, as decided by its centre's manager.

    A product without a listing row predates listing approval (demo and imported data):
    it counts as approved when public and as a draft otherwise.

    ``proposed_provenance`` holds provenance changes to a product that is already
    public; the shop keeps showing the approved values until a manager approves them.
    Keys are ``Product`` attribute names (``motif_id`` for the motif), values are
    JSON-serialised.
    """

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="listing",
        verbose_name=_("product"),
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ListingState.choices,
        default=ListingState.DRAFT,
        db_index=True,
    )
    proposed_provenance = models.JSONField(
        _("provenance changes awaiting review"), default=dict, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("reviewer's note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("product listing")
        verbose_name_plural = _("product listings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="pending") | Q(submitted_at__isnull=False),
                name="listing_pending_has_submission_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | Q(reviewed_at__isnull=False),
                name="listing_rejection_has_review_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.get_state_display()}"

    @property
    def is_change_of_live_product(self) -> bool:
        return bool(self.proposed_provenance)


class ListingAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ListingEvent(AppendOnlyModel):
    """One step in a listing's review: who did what, when, with which provenance."""

    listing = models.ForeignKey(ProductListing, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=ListingAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"
