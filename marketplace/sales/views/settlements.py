"""Settlement pages: balances per artisan, an account's ledger, payouts, statements.

An *account* is an artisan at a centre. It is reachable only if the centre is one of
the user's and the artisan has entries there or belongs to it now; anything else is
a 404, for reading and for writing alike.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from marketplace.centres.access import ManagerRequiredMixin, can_use_back_office
from marketplace.centres.models import Artisan

from .. import selectors, services
from ..csv_export import amount, csv_response
from ..forms import PayoutForm, ReverseEntryForm
from ..models import LedgerEntry
from ..periods import add_months
from ..scope import Scope, scope_for

ACCOUNTS_PER_PAGE = 50
ENTRIES_PER_PAGE = 50
STATEMENT_MONTHS = 12


class SettlementListView(ManagerRequiredMixin, TemplateView):
    template_name = "sales/settlement_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        centre = self.request.GET.get("centre")
        if centre:
            scope = scope.narrowed_to(centre)
        only_owed = self.request.GET.get("owed") == "1"
        accounts = selectors.settlement_accounts(scope, only_owed=only_owed)
        page = Paginator(accounts, ACCOUNTS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(scope=scope, page=page, accounts=page.object_list, only_owed=only_owed)
        return context


class SettlementExportView(ManagerRequiredMixin, View):
    def get(self, request):
        scope = scope_for(request.user)
        centre = request.GET.get("centre")
        if centre:
            scope = scope.narrowed_to(centre)
        header = [
            "artisan_id",
            "artisan",
            "centre_id",
            "centre",
            "currency",
            "net_sales",
            "commission",
            "tax_withheld",
            "payouts",
            "balance",
            "last_payout",
        ]
        rows = [
            (
                account.artisan_id,
                account.artisan.name,
                account.centre_id,
                account.centre.name,
                account.currency,
                amount(account.sales_amount, account.currency),
                amount(account.commission_amount, account.currency),
                amount(account.tax_amount, account.currency),
                amount(account.payouts_amount, account.currency),
                amount(account.balance_amount, account.currency),
                account.last_payout_on.isoformat() if account.last_payout_on else "",
            )
            for account in selectors.settlement_accounts(scope)
        ]
        return csv_response("settlements.csv", header, rows)


def resolve_account(user, centre_id: int, artisan_id: int) -> tuple[Scope, object, Artisan]:
    """The user's scope, the centre and the artisan of an account they may see, or 404."""
    scope = scope_for(user)
    if not scope.allows(centre_id):
        raise Http404("not one of your centres")
    centre = next((c for c in scope.centres if c.pk == centre_id), None)
    if centre is None:
        raise Http404("no such centre")
    artisan = get_object_or_404(
        Artisan.objects.filter(
            Q(centre_id=centre_id) | Q(settlement_accounts__centre_id=centre_id)
        ).distinct(),
        pk=artisan_id,
    )
    return scope, centre, artisan


class AccountMixin(ManagerRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        # Anonymous users and users without a centre are turned away by the mixin.
        if can_use_back_office(request.user):
            self.scope, self.centre, self.artisan = resolve_account(
                request.user, kwargs["centre_id"], kwargs["artisan_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def account_url(self, currency: str | None = None) -> str:
        url = reverse("sales:account", args=[self.centre.pk, self.artisan.pk])
        return f"{url}?currency={currency}" if currency else url


class AccountView(AccountMixin, TemplateView):
    """An account's ledger with running balances; managers record payouts here."""

    template_name = "sales/account.html"

    def balances(self) -> dict:
        if not hasattr(self, "_balances"):
            self._balances = selectors.account_currencies(
                artisan_id=self.artisan.pk, centre_id=self.centre.pk
            )
        return self._balances

    def currency(self) -> str:
        balances = self.balances()
        wanted = self.request.GET.get("currency")
        if wanted in balances:
            return wanted
        return next(iter(balances), "IDR")

    def payout_form(self, data=None) -> PayoutForm:
        currencies = list(self.balances()) or ["IDR"]
        return PayoutForm(
            data,
            currencies=currencies,
            initial={"currency": self.currency()},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        currency = self.currency()
        entries = selectors.account_entries(
            artisan_id=self.artisan.pk, centre_id=self.centre.pk, currency=currency
        )
        paginator = Paginator(entries, ENTRIES_PER_PAGE)
        # The newest entries are what a manager looks at: open on the last page.
        page = paginator.get_page(self.request.GET.get("page") or paginator.num_pages)
        first = timezone.localdate().replace(day=1)
        context.update(
            scope=self.scope,
            centre=self.centre,
            artisan=self.artisan,
            currency=currency,
            balances=self.balances(),
            balance=self.balances().get(currency, 0),
            page=page,
            entries=page.object_list,
            statement_months=[add_months(first, -k) for k in range(STATEMENT_MONTHS)],
            reverse_form=ReverseEntryForm(),
        )
        context.setdefault("payout_form", self.payout_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.payout_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.record_payout(
                    artisan=self.artisan,
                    centre=self.centre,
                    amount=data["amount"],
                    currency=data["currency"],
                    paid_on=data["paid_on"],
                    bank_reference=data["bank_reference"],
                    note=data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Payout of %(amount)s %(currency)s to %(artisan)s recorded.")
                    % {
                        "amount": amount(-entry.amount, entry.currency),
                        "currency": entry.currency,
                        "artisan": self.artisan.name,
                    },
                )
                return redirect(self.account_url(entry.currency))
        return self.render_to_response(self.get_context_data(payout_form=form), status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            for item in field_errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for item in error.error_list:
            form.add_error(None, item)


class ReverseEntryView(AccountMixin, View):
    def post(self, request, centre_id: int, artisan_id: int, entry_id: int):
        entry = get_object_or_404(
            LedgerEntry, pk=entry_id, artisan=self.artisan, centre=self.centre
        )
        form = ReverseEntryForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the payout is reversed."))
            return redirect(self.account_url(entry.currency))
        try:
            services.reverse_entry(
                entry=entry, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The payout was reversed by a correcting entry."))
        return redirect(self.account_url(entry.currency))


class AccountExportView(AccountMixin, View):
    def get(self, request, centre_id: int, artisan_id: int):
        header = [
            "date",
            "kind",
            "order",
            "units",
            "reference",
            "rate",
            "amount",
            "currency",
            "balance",
            "recorded_at",
            "recorded_by",
            "note",
        ]
        rows = []
        for currency in selectors.account_currencies(artisan_id=artisan_id, centre_id=centre_id):
            for entry in selectors.account_entries(
                artisan_id=artisan_id, centre_id=centre_id, currency=currency
            ):
                rows.append(
                    (
                        entry.effective_date.isoformat(),
                        entry.get_kind_display(),
                        entry.order_number,
                        entry.quantity,
                        entry.reference,
                        entry.rate,
                        amount(entry.amount, currency),
                        currency,
                        amount(entry.running_balance, currency),
                        entry.created_at.isoformat(timespec="seconds"),
                        entry.created_by.get_username() if entry.created_by else "",
                        entry.note,
                    )
                )
        filename = f"ledger-{self.artisan.slug}-{self.centre.slug}.csv"
        return csv_response(filename, header, rows)


class StatementView(AccountMixin, TemplateView):
    """A printable monthly statement of an account, one section per currency."""

    template_name = "sales/statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        currencies = list(
            selectors.account_currencies(artisan_id=self.artisan.pk, centre_id=self.centre.pk)
        ) or ["IDR"]
        context.update(
            selectors.statement_page(
                artisan=self.artisan,
                centre=self.centre,
                year=kwargs["year"],
                month=kwargs["month"],
                currencies=currencies,
            )
        )
        return context
