"""Reads for the back-office order page: an order's lines as one manager may see them."""

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

from marketplace.centres import roles

from .refunds import refunded_so_far

Line = get_model("order", "Line")
Order = get_model("order", "Order")


@dataclass(frozen=True)
class LineRow:
    line: object
    refunded: int
    refunded_amount: Decimal

    @property
    def refundable(self) -> int:
        return self.line.quantity - self.refunded


def visible_order(user, number: str):
    """The order ``number`` with the lines ``user`` may act on, or ``(None, [])``.

    A manager sees an order only through the lines of their centres, and only
    those lines; an administrator sees every line. Three queries.
    """
    order = (
        Order.objects.select_related("user", "bank_transfer", "card_payment")
        .filter(number=number)
        .first()
    )
    if order is None:
        return None, []
    lines = Line.objects.filter(order=order).select_related("order").order_by("pk")
    if not roles.is_marketplace_admin(user):
        lines = lines.filter(centre__in=roles.managed_centres(user))
    lines = list(lines)
    if not lines:
        return None, []
    refunded = refunded_so_far(line.pk for line in lines)
    return order, [LineRow(line, *refunded.get(line.pk, (0, Decimal("0")))) for line in lines]
