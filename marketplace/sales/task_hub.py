"""The sales app's sections of the manager task hub: payouts due, monthly statements."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.manager_tasks import SHOWN_ROWS, TaskSection, listed

from . import selectors
from .periods import add_months
from .scope import Scope


class PayoutsDueTasks:
    """Artisans the marketplace owes money to, at the user's centres, largest first."""

    key = "payouts"
    title = _("Record payouts")
    order = 40
    template_name = "sales/tasks/payouts_due.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        scope = Scope(centres=tuple(centres), is_admin=is_admin)
        owed = selectors.settlement_accounts(scope, only_owed=True)
        return listed(owed.order_by("-balance_amount", "artisan__name"), "accounts")


class StatementTasks:
    """Last month's statements to print or send, one per account with activity."""

    key = "statements"
    title = _("Monthly statements")
    order = 50
    template_name = "sales/tasks/statements.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        scope = Scope(centres=tuple(centres), is_admin=is_admin)
        this_month = timezone.localdate().replace(day=1)
        last_month = add_months(this_month, -1)
        active = selectors.accounts_active_in(scope, start=last_month, end=this_month)
        return TaskSection(
            count=len(active),
            context={"accounts": active[:SHOWN_ROWS], "total": len(active), "month": last_month},
        )
