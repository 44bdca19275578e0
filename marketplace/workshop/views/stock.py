"""The artisan's stock pages: overview, my stock (+/−/set), ledger, CSV out and in."""

import codecs
import csv
from datetime import date

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from marketplace.core.redirects import safe_next_url
from marketplace.stock import selectors as stock_selectors
from marketplace.stock.csv_io import apply_stock_import, plan_stock_import, stock_csv_rows
from marketplace.stock.models import StockChangeSource
from marketplace.stock.services import StockChangeRefused, change_stock, set_low_stock_threshold

from ..access import ArtisanRequiredMixin
from ..forms import StockChangeForm, StockImportForm, ThresholdForm
from ..selectors import own_orders, own_products

StockRecord = get_model("partner", "StockRecord")

MAX_WEB_IMPORT_ROWS = 5000


class WorkshopIndexView(ArtisanRequiredMixin, generic.TemplateView):
    """The artisan's start page: what needs attention today."""

    template_name = "workshop/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        products = own_products(self.artisan_ids, self.partner_ids).aggregate(
            total=Count("pk"),
            live=Count("pk", filter=Q(is_public=True)),
            pending=Count("pk", filter=Q(listing__state="pending")),
            rejected=Count("pk", filter=Q(listing__state="rejected")),
        )
        ctx["product_counts"] = products
        ctx["alerts"] = list(stock_selectors.open_low_stock_alerts(self.partner_ids)[:10])
        ctx["recent_orders"] = list(own_orders(self.partner_ids)[:5])
        return ctx


class StockListView(ArtisanRequiredMixin, generic.ListView):
    """My stock: every own stock record with in stock / allocated / available."""

    template_name = "workshop/stock_list.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        self.search = self.request.GET.get("q", "")
        self.low_only = self.request.GET.get("low") == "1"
        return stock_selectors.stock_of_partners(
            self.partner_ids, search=self.search, low_only=self.low_only
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            search=self.search,
            low_only=self.low_only,
            open_alert_count=stock_selectors.open_low_stock_alerts(self.partner_ids).count(),
        )
        return ctx


class OwnStockRecordMixin(ArtisanRequiredMixin):
    def get_record(self):
        record = (
            stock_selectors.stock_of_partners(self.partner_ids).filter(pk=self.kwargs["pk"]).first()
        )
        if record is None:
            raise Http404
        return record


class StockDetailView(OwnStockRecordMixin, generic.ListView):
    """One product's stock: the change form, the alert level and its ledger."""

    template_name = "workshop/stock_detail.html"
    context_object_name = "entries"
    paginate_by = 25

    def get_queryset(self):
        self.record = self.get_record()
        return stock_selectors.ledger_of(self.record)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            record=self.record,
            change_form=StockChangeForm(initial={"action": StockChangeForm.ADD, "quantity": 1}),
            threshold_form=ThresholdForm(
                initial={"low_stock_threshold": self.record.low_stock_threshold}
            ),
        )
        return ctx


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _record_json(record) -> dict:
    return {
        "id": record.pk,
        "in_stock": record.num_in_stock or 0,
        "allocated": record.num_allocated or 0,
        "available": record.available,
        "is_low": bool(record.is_low),
    }


class StockChangeView(OwnStockRecordMixin, generic.View):
    """POST a +/−/set change of one own stock record, through the ledger.

    Answers JSON to the stock page's script, and redirects back otherwise.
    """

    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_record()
        form = StockChangeForm(request.POST)
        if not form.is_valid():
            message = " ".join(error for errors in form.errors.values() for error in errors)
            return self._answer(record, message, ok=False)
        try:
            change_stock(stockrecord_id=record.pk, actor=request.user, **form.change_kwargs())
        except StockChangeRefused as refused:
            return self._answer(record, refused.message, ok=False)
        record = self.get_record()
        message = _("%(title)s: %(count)d in stock.") % {
            "title": record.product.get_title(),
            "count": record.num_in_stock,
        }
        return self._answer(record, message, ok=True)

    def _answer(self, record, message: str, *, ok: bool):
        if _wants_json(self.request):
            return JsonResponse(
                {"ok": ok, "message": message, "record": _record_json(record)},
                status=200 if ok else 409,
            )
        (messages.success if ok else messages.error)(self.request, message)
        return HttpResponseRedirect(self._next_url(record))

    def _next_url(self, record) -> str:
        return safe_next_url(self.request) or (
            reverse("dashboard:workshop-stock") + f"#stock-{record.pk}"
        )


class ThresholdView(OwnStockRecordMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_record()
        form = ThresholdForm(request.POST)
        if form.is_valid():
            set_low_stock_threshold(
                stockrecord_id=record.pk,
                actor=request.user,
                threshold=form.cleaned_data["low_stock_threshold"],
            )
            messages.success(request, _("Alert level saved."))
        else:
            messages.error(request, _("Give a whole number, or leave it empty for no alert."))
        return redirect("dashboard:workshop-stock-detail", pk=record.pk)


class _Echo:
    """A file-like object for csv.writer that hands each written row back."""

    def write(self, value):
        return value


class StockExportView(ArtisanRequiredMixin, generic.View):
    """All own stock levels as CSV (UTF-8 with BOM, so spreadsheets read it right).

    Streamed row by row: a workshop with thousands of products downloads at once.
    """

    def get(self, request):
        records = stock_selectors.stock_of_partners(self.partner_ids).iterator(chunk_size=2000)
        writer = csv.writer(_Echo())

        def lines():
            yield codecs.BOM_UTF8.decode()
            for row in stock_csv_rows(records):
                yield writer.writerow(row)

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        filename = f"stock-{self.artisan.slug}-{date.today():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class StockImportView(ArtisanRequiredMixin, generic.FormView):
    """Upload a stock CSV: every row is checked, then all changes apply, or none."""

    template_name = "workshop/stock_import.html"
    form_class = StockImportForm

    def form_valid(self, form):
        plan = plan_stock_import(
            form.cleaned_data["file"].read(),
            partner_ids=self.partner_ids,
            default_reason=form.cleaned_data["reason"],
        )
        if plan.rows > MAX_WEB_IMPORT_ROWS:
            form.add_error(
                "file",
                _(
                    "The file has %(rows)d rows; up to %(max)d can be imported here. Split "
                    "it, or ask the marketplace team to run the import_stock_csv command."
                )
                % {"rows": plan.rows, "max": MAX_WEB_IMPORT_ROWS},
            )
            return self.form_invalid(form)
        if plan.is_valid and not form.cleaned_data["dry_run"]:
            try:
                applied = apply_stock_import(
                    plan, actor=self.request.user, source=StockChangeSource.CSV_IMPORT
                )
            except StockChangeRefused:
                return self.render_to_response(self.get_context_data(form=form, plan=plan))
            messages.success(
                self.request,
                _("Imported: %(changed)d stock levels changed, %(unchanged)d unchanged.")
                % {"changed": applied, "unchanged": plan.unchanged},
            )
            return redirect("dashboard:workshop-stock")
        return self.render_to_response(self.get_context_data(form=form, plan=plan))
