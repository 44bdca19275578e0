"""A buyer's personal data (UU 27/2022): everything we hold, and erasing it.

``personal_data(user)`` gathers the data for download; ``erase_account(user=...)``
erases it. Orders stay for accounting (totals, lines, tax, payments are kept) but lose
everything that names the person: the order's e-mail, the shipping and billing
address (only the country and province stay, for tax reporting). The user row is kept
as an inactive stub without name, e-mail or password, so orders, voucher use and the
audit trail keep their links without holding personal data.
"""

from __future__ import annotations

import uuid
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
ProductReview = get_model("reviews", "ProductReview")
Vote = get_model("reviews", "Vote")
WishList = get_model("wishlists", "WishList")
ProductAlert = get_model("customer", "ProductAlert")
Notification = get_model("communication", "Notification")
Email = get_model("communication", "Email")
Basket = get_model("basket", "Basket")
Bankcard = get_model("payment", "Bankcard")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")
UserSearch = get_model("analytics", "UserSearch")

ADDRESS_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line3",
    "line4",
    "state",
    "postcode",
    "country",
)
# Kept on an erased order address: where the goods went, at the level tax needs.
KEPT_ADDRESS_FIELDS = {"country", "state"}


def _address(address) -> dict[str, Any] | None:
    if address is None:
        return None
    data = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    data["country"] = address.country_id
    data["phone_number"] = str(getattr(address, "phone_number", "") or "")
    if hasattr(address, "notes"):
        data["notes"] = address.notes
    return data


def _money(value) -> str | None:
    return None if value is None else str(value)


def personal_data(user) -> dict[str, Any]:
    """Everything the shop holds about ``user``, as JSON-ready data (a fixed number of
    queries, whatever the number of orders)."""
    orders = (
        Order.objects.filter(user=user)
        # An address's country is read for its printable form (Oscar's address fields).
        .select_related(
            "user",
            "shipping_address__country",
            "billing_address__country",
        )
        .prefetch_related("lines")
        .order_by("date_placed")
    )
    wishlists = WishList.objects.filter(owner=user).prefetch_related("lines")
    return {
        "format": "batik-nusantara-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "second_factor_enabled": user.totpdevice_set.filter(confirmed=True).exists(),
        },
        "addresses": [
            {**_address(a), "is_default_for_shipping": a.is_default_for_shipping}
            for a in UserAddress.objects.filter(user=user).order_by("pk")
        ],
        "orders": [
            {
                "number": o.number,
                "date_placed": o.date_placed.isoformat() if o.date_placed else None,
                "status": o.status,
                "currency": o.currency,
                "total_incl_tax": _money(o.total_incl_tax),
                "shipping_incl_tax": _money(o.shipping_incl_tax),
                "email": o.email,
                "shipping_address": _address(o.shipping_address),
                "billing_address": _address(o.billing_address),
                "lines": [
                    {
                        "title": line.title,
                        "upc": line.upc,
                        "quantity": line.quantity,
                        "line_price_incl_tax": _money(line.line_price_incl_tax),
                    }
                    for line in o.lines.all()
                ],
            }
            for o in orders
        ],
        "reviews": [
            {
                "product": r.product.get_title() if r.product else None,
                "title": r.title,
                "body": r.body,
                "score": r.score,
                "date_created": r.date_created.isoformat(),
            }
            for r in ProductReview.objects.filter(user=user).select_related("product")
        ],
        "wishlists": [
            {
                "name": w.name,
                "visibility": w.visibility,
                "products": [line.get_title() for line in w.lines.all()],
            }
            for w in wishlists
        ],
        "product_alerts": [
            {"product_id": a.product_id, "status": a.status, "date_created": a.date_created}
            for a in ProductAlert.objects.filter(user=user)
        ],
        "emails_sent": [
            {"subject": e.subject, "date_sent": e.date_sent.isoformat()}
            for e in Email.objects.filter(user=user)
        ],
        "notifications": [
            {"subject": n.subject, "date_sent": n.date_sent.isoformat()}
            for n in Notification.objects.filter(recipient=user)
        ],
        "searches": list(
            UserSearch.objects.filter(user=user).values_list("query", flat=True)[:1000]
        ),
    }


def _erase_address(address) -> None:
    for field in ADDRESS_FIELDS:
        if field not in KEPT_ADDRESS_FIELDS:
            setattr(address, field, "")
    if hasattr(address, "phone_number"):
        address.phone_number = ""
    if hasattr(address, "notes"):
        address.notes = ""
    address.save()  # also rebuilds the address's search text from what is left


@transaction.atomic
def erase_account(*, user) -> None:
    """Erase ``user``'s personal data and close the account; keep their orders.

    Caller has checked that ``user`` asked for it (password re-entered).
    """
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    email = user.email
    orders = list(
        Order.objects.filter(user=user).select_related("shipping_address", "billing_address")
    )
    for order in orders:
        for address in (order.shipping_address, order.billing_address):
            if address is not None:
                _erase_address(address)
        order.guest_email = ""
        order.save(update_fields=["guest_email"])

    # Reviews one by one: Oscar recomputes the product's rating on each delete.
    for review in ProductReview.objects.filter(user=user):
        review.delete()
    Vote.objects.filter(user=user).delete()
    UserAddress.objects.filter(user=user).delete()
    WishList.objects.filter(owner=user).delete()
    by_email = Q(email__iexact=email) if email else Q(pk__in=[])
    ProductAlert.objects.filter(Q(user=user) | by_email).delete()
    Email.objects.filter(Q(user=user) | by_email).delete()
    Notification.objects.filter(recipient=user).delete()
    Bankcard.objects.filter(user=user).delete()
    UserRecord.objects.filter(user=user).delete()
    UserProductView.objects.filter(user=user).delete()
    UserSearch.objects.filter(user=user).delete()
    # Open baskets go; submitted ones stay with their orders (they hold no personal data).
    Basket.objects.filter(owner=user).exclude(status=Basket.SUBMITTED).delete()
    user.totpdevice_set.all().delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user_model), object_id=str(user.pk)
    ).update(object_repr=f"user #{user.pk}")
    _forget_failed_logins(email)

    user.username = f"deleted-{user.pk}-{uuid.uuid4().hex[:8]}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()  # also ends every session of this account
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    record_audit_event(
        actor=user,
        action=AuditEvent.Action.ACCOUNT_DELETED,
        target=user,
        before=None,
        after={"orders_kept": len(orders)},
    )


def _forget_failed_logins(email: str) -> None:
    """django-axes keeps the login name of failed attempts; drop this person's."""
    if not email:
        return
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
