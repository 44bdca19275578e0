"""Reads of stock levels and their ledger, scoped to the partners a user belongs to."""

from django.db.models import ExpressionWrapper, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from .models import StockLedgerEntry

StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")


def _available():
    return ExpressionWrapper(
        Coalesce(F("num_in_stock"), Value(0)) - Coalesce(F("num_allocated"), Value(0)),
        output_field=IntegerField(),
    )


def stock_of_partners(partner_ids, *, search: str = "", low_only: bool = False) -> QuerySet:
    """Stock records of ``partner_ids`` with their product, for the stock page.

    Annotated with ``available`` (in stock minus allocated) and ``is_low`` (below the
    record's low-stock threshold, Oscar's definition); one query whatever its length.
    """
    queryset = (
        StockRecord.objects.filter(partner_id__in=partner_ids)
        .select_related("product", "product__parent", "partner")
        .annotate(available=_available())
        .annotate(
            is_low=Q(low_stock_threshold__isnull=False) & Q(available__lt=F("low_stock_threshold"))
        )
        .order_by("product__title", "pk")
    )
    search = (search or "").strip()
    if search:
        queryset = queryset.filter(
            Q(product__title__icontains=search) | Q(partner_sku__icontains=search)
        )
    if low_only:
        queryset = queryset.filter(is_low=True)
    return queryset


def open_low_stock_alerts(partner_ids) -> QuerySet:
    """Oscar's open low-stock alerts on the stock of ``partner_ids``, newest first."""
    return (
        StockAlert.objects.filter(stockrecord__partner_id__in=partner_ids, status=StockAlert.OPEN)
        .select_related("stockrecord__product")
        .order_by("-date_created")
    )


def ledger_of(stockrecord) -> QuerySet:
    """The ledger of one stock record, newest first, with who made each change."""
    return StockLedgerEntry.objects.filter(stockrecord=stockrecord).select_related("actor")
