"""AuditEvent: one sensitive action, written once and never changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

__all__ = ["AppendOnlyError", "AuditEvent", "AuditEventQuerySet"]


class AuditEventQuerySet(AppendOnlyQuerySet):
    def for_viewer(self, user, centre_ids=None):
        """Everything for an administrator; a manager's centres' events otherwise."""
        if centre_ids is None:
            return self
        return self.filter(centre_id__in=centre_ids)


class AuditEvent(AppendOnlyModel):
    class Action(models.TextChoices):
        PRICE_CHANGED = "price_changed", _("Price changed")
        STOCK_CORRECTED = "stock_corrected", _("Stock corrected")
        PRODUCT_APPROVED = "product_approved", _("Product approved")
        PRODUCT_REJECTED = "product_rejected", _("Product rejected")
        CERTIFICATE_VERIFIED = "certificate_verified", _("Certificate verified")
        PAYMENT_CONFIRMED = "payment_confirmed", _("Payment confirmed")
        PAYOUT_RECORDED = "payout_recorded", _("Payout recorded")
        ORDER_REFUNDED = "order_refunded", _("Order line refunded")
        GROUPS_CHANGED = "groups_changed", _("User groups changed")
        PERMISSIONS_CHANGED = "permissions_changed", _("User permissions changed")
        GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", _("Group permissions changed")
        STAFF_STATUS_CHANGED = "staff_status_changed", _("Staff or superuser status changed")
        CENTRE_MANAGERS_CHANGED = "centre_managers_changed", _("Centre managers changed")
        PARTNER_USERS_CHANGED = "partner_users_changed", _("Seller logins changed")
        SECOND_FACTOR_CHANGED = "second_factor_changed", _("Second factor turned on or off")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted (personal data erased)")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # No database foreign key: an event outlives its actor's row, and deleting a user
    # must never have to update (SET NULL) an append-only table.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=40, choices=Action.choices, db_index=True)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    target_repr = models.CharField(_("record"), max_length=255, blank=True)
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("centre"),
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["centre", "-created_at"], name="audit_centre_created"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.target_repr}"
