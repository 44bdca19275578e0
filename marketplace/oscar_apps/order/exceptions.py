"""Why an order could not be placed, in words the buyer understands."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.order.exceptions import *  # noqa: F403 - Oscar's exceptions stay available
from oscar.apps.order.exceptions import UnableToPlaceOrder


class SoldOut(UnableToPlaceOrder):
    """Some basket lines cannot be had any more: another buyer took the last pieces.

    Raised under the stock lock, before anything of the order is written.
    """

    def __init__(self, titles: list[str]):
        self.titles = titles
        names = ", ".join(f"“{title}”" for title in titles)
        super().__init__(
            ngettext(
                "Sorry, %(names)s has just sold out: another buyer took the last piece.",
                "Sorry, %(names)s have just sold out: other buyers took the last pieces.",
                len(titles),
            )
            % {"names": names}
        )


class PriceChanged(UnableToPlaceOrder):
    def __init__(self):
        super().__init__(
            _("The price of your basket changed while you were paying. Please check it again.")
        )


class ShippingUnavailable(UnableToPlaceOrder):
    def __init__(self):
        super().__init__(_("The chosen shipping method is no longer available."))
