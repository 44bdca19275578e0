"""Order statuses of the marketplace and how they may follow each other.

Plain constants (no models), so settings can hand the pipeline to Oscar.
"""


class OrderStatus:
    # Bank transfer: the order holds its stock until the money arrives or it expires.
    AWAITING_PAYMENT = "Awaiting payment"
    # Card: authorised, stock allocated; the money is captured right after.
    AUTHORISED = "Payment authorised"
    PAID = "Paid"
    SHIPPED = "Shipped"
    COMPLETE = "Complete"
    CANCELLED = "Cancelled"


ORDER_STATUS_PIPELINE = {
    OrderStatus.AWAITING_PAYMENT: (OrderStatus.PAID, OrderStatus.CANCELLED),
    OrderStatus.AUTHORISED: (OrderStatus.PAID, OrderStatus.CANCELLED),
    OrderStatus.PAID: (OrderStatus.SHIPPED, OrderStatus.CANCELLED),
    OrderStatus.SHIPPED: (OrderStatus.COMPLETE,),
    OrderStatus.COMPLETE: (),
    OrderStatus.CANCELLED: (),
}
