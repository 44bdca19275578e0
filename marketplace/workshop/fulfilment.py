"""An artisan sends their own pieces of an order: the shipment, its tracking, the e-mail.

Each artisan ships from their own workshop, so an order of several artisans leaves in
several parcels. ``ship_own_lines`` records one parcel: an Oscar shipping event over
the artisan's lines with the courier and tracking number, consumes the pieces'
stock allocation through the stock ledger (reason "sold"), marks the lines shipped,
and moves the order to *Shipped* once every line of it has left. The buyer gets an
e-mail in the language they ordered in. All or nothing, under a lock on the order:
two clicks ship a line once.
"""

from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from marketplace.core.mail import send_in_language
from marketplace.oscar_apps.order.statuses import OrderStatus

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")

SHIPPED_EVENT_CODE = "shipped"
LINE_SHIPPED = "Shipped"
# Pieces leave only once the order is paid (and an order shipped in part takes more).
SHIPPABLE_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED)
# Couriers buyers in Indonesia and abroad know; "other" takes any name.
COURIERS = (
    ("JNE", "JNE"),
    ("J&T Express", "J&T Express"),
    ("SiCepat", "SiCepat"),
    ("Pos Indonesia", "Pos Indonesia"),
    ("AnterAja", "AnterAja"),
    ("TIKI", "TIKI"),
    ("DHL Express", "DHL Express"),
    ("FedEx", "FedEx"),
)


def shippable(line) -> bool:
    return line.status != LINE_SHIPPED


def ship_own_lines(
    *, partner_ids, order_number: str, line_ids, courier: str, tracking_number: str, user
) -> list:
    """Ship ``line_ids`` of order ``order_number`` and return those lines; each must be
    one of ``partner_ids``' lines, not shipped yet, and the order must be paid. Raises
    ValidationError."""
    line_ids = set(line_ids)
    if not line_ids:
        raise ValidationError(_("Choose at least one piece to send."))
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(number=order_number).first()
        if order is None:
            raise ValidationError(_("No such order."))
        if order.status not in SHIPPABLE_STATUSES:
            raise ValidationError(
                _("Order %(number)s is %(status)s: send pieces only once it is paid.")
                % {"number": order.number, "status": order.status}
            )
        lines = list(
            Line.objects.filter(order=order, pk__in=line_ids, partner_id__in=partner_ids)
            .select_related("stockrecord")
            .order_by("pk")
        )
        if len(lines) != len(line_ids):
            raise ValidationError(_("Some of the chosen pieces are not yours in this order."))
        if not all(shippable(line) for line in lines):
            raise ValidationError(_("Some of the chosen pieces have been sent already."))
        event_type, _created = ShippingEventType.objects.get_or_create(
            code=SHIPPED_EVENT_CODE, defaults={"name": "Shipped"}
        )
        handler = EventHandler(user)
        quantities = [line.quantity for line in lines]
        handler.handle_shipping_event(
            order, event_type, lines, quantities, reference=f"{courier} {tracking_number}"
        )
        handler.consume_stock_allocations(order, lines, quantities)
        Line.objects.filter(pk__in=[line.pk for line in lines]).update(status=LINE_SHIPPED)
        everything_sent = not order.lines.exclude(status=LINE_SHIPPED).exists()
        if everything_sent and order.status != OrderStatus.SHIPPED:
            order.set_status(OrderStatus.SHIPPED)
        order_id, line_pks = order.pk, [line.pk for line in lines]
        transaction.on_commit(
            lambda: send_shipped_email(
                order_id=order_id,
                line_ids=line_pks,
                courier=courier,
                tracking_number=tracking_number,
            ),
            robust=True,
        )
    return lines


def send_shipped_email(*, order_id: int, line_ids, courier: str, tracking_number: str) -> int:
    """Tell the buyer which pieces are on their way, in the language they ordered in."""
    order = Order.objects.select_related("user").get(pk=order_id)
    lines = list(Line.objects.filter(pk__in=line_ids).order_by("pk"))
    return send_in_language(
        language=order.language,
        template_prefix="workshop/emails/shipped",
        context={
            "order": order,
            "lines": lines,
            "courier": courier,
            "tracking_number": tracking_number,
            "maker": ", ".join(sorted({line.artisan_name or line.partner_name for line in lines})),
            "site": Site.objects.get_current(),
        },
        to=[order.email],
    )
