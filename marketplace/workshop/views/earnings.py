"""My earnings: what the artisan has sold and been paid, read from the settlement ledger.

The artisan sees their own accounts only (one per centre and currency): the running
totals, net sales per month, and the same printable monthly statement the centre
manager prints. Nothing here writes; payouts and corrections are the manager's.
"""

from datetime import date

from django.http import Http404
from django.utils import timezone
from django.views import generic

from marketplace.sales import selectors
from marketplace.sales.periods import add_months

from ..access import ArtisanRequiredMixin

SALES_MONTHS = 12
STATEMENT_MONTHS = 6


def today() -> date:
    return timezone.localdate()


class EarningsView(ArtisanRequiredMixin, generic.TemplateView):
    template_name = "workshop/earnings.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        first = today().replace(day=1)
        ctx.update(
            accounts=list(selectors.artisan_accounts(self.artisan_ids)),
            months=selectors.artisan_monthly_sales(
                self.artisan_ids, since=add_months(first, 1 - SALES_MONTHS)
            ),
            statement_months=[add_months(first, -k) for k in range(STATEMENT_MONTHS)],
        )
        return ctx


class EarningsStatementView(ArtisanRequiredMixin, generic.TemplateView):
    """One month of one of the artisan's own accounts; anyone else's is a 404."""

    template_name = "workshop/statement.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if kwargs["artisan_id"] not in self.artisan_ids:
            raise Http404("not your account")
        accounts = list(
            selectors.artisan_accounts([kwargs["artisan_id"]]).filter(centre_id=kwargs["centre_id"])
        )
        if not accounts:
            raise Http404("no such account")
        ctx.update(
            selectors.statement_page(
                artisan=accounts[0].artisan,
                centre=accounts[0].centre,
                year=kwargs["year"],
                month=kwargs["month"],
                currencies=[account.currency for account in accounts],
            )
        )
        return ctx
