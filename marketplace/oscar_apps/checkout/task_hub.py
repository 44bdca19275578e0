"""The checkout's section of the manager task hub: bank transfers to confirm."""

from django.utils.translation import gettext_lazy as _

from marketplace.core.manager_tasks import TaskSection, listed

from .selectors import awaiting_bank_transfers_in


class BankTransferTasks:
    """Orders of the user's centres held until the buyer's transfer is confirmed."""

    key = "bank-transfers"
    title = _("Confirm bank transfers")
    order = 30
    template_name = "checkout/tasks/bank_transfers.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        waiting = awaiting_bank_transfers_in(centres, is_admin=is_admin)
        return listed(waiting, "transfers")
