"""The sales dashboard and the CSV export of each of its tables."""

from functools import partial
from urllib.parse import urlencode

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from marketplace.centres.access import ManagerRequiredMixin

from .. import charts, report_cache, reports
from ..csv_export import amount, csv_response
from ..forms import ReportForm, default_period
from ..periods import Period, PeriodKind
from ..scope import Scope, scope_for

PAGE_ROWS = 15
TOP_PRODUCTS = 10


class ReportMixin(ManagerRequiredMixin):
    """Parses the report parameters against the user's own scope.

    A ``centre`` that is not one of the user's is a 404: the request reads nothing.
    """

    def parse(self, request) -> tuple[ReportForm, Scope, Period, str]:
        scope = scope_for(request.user)
        form = ReportForm(request.GET or None, centres=scope.centres)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            period, currency = data["period_obj"], data["currency"]
            if data.get("centre"):
                scope = scope.narrowed_to(data["centre"])
        else:
            if form.is_bound and form.has_error("centre"):
                raise Http404("no such centre")
            period, currency = default_period(), form.fields["currency"].choices[0][0]
        return form, scope, period, currency


def _dimensions(scope: Scope) -> list[str]:
    shown = ["artisan", "product", "category", "technique", "country"]
    if scope.selected is None and len(scope.centres) > 1:
        shown.append("centre")
    return shown


def figure_sums(scope: Scope, period: Period, currency: str, window=None) -> dict:
    """The sums behind every dashboard figure, over the lines placed in ``window``
    (the whole report when ``None``): one query each."""
    return {
        "summary": reports.summary_row(scope, period, currency, window),
        "series": reports.series_rows(scope, period, currency, window),
        "refunds": reports.refunds_posted(scope, period, currency, window),
        "breakdowns": {
            dimension: reports.breakdown_rows(scope, period, currency, dimension, window=window)
            for dimension in _dimensions(scope)
        },
    }


def merge_sums(a: dict, b: dict) -> dict:
    return {
        "summary": reports.merge_summary_rows(a["summary"], b["summary"]),
        "series": reports.merge_series_rows(a["series"], b["series"]),
        "refunds": a["refunds"] + b["refunds"],
        "breakdowns": {
            dimension: reports.merge_breakdown_rows(rows, b["breakdowns"][dimension])
            for dimension, rows in a["breakdowns"].items()
        },
    }


def dashboard_figures(scope: Scope, period: Period, currency: str, sums: dict) -> dict:
    """Every figure the dashboard shows, from :func:`figure_sums`."""
    summary = reports.summary(scope, period, currency, row=sums["summary"])
    total = summary.revenue.value
    rows = sums["breakdowns"]

    def table(dimension, limit=PAGE_ROWS):
        shown = reports.breakdown_from_rows(
            dimension, rows[dimension][: limit + 1], total_revenue=total
        )
        return {"rows": shown[:limit], "has_more": len(shown) > limit}

    def whole(dimension):
        return reports.breakdown_from_rows(dimension, rows[dimension], total_revenue=total)

    return {
        "summary": summary,
        "series": reports.series(scope, period, currency, rows=sums["series"]),
        "refunds": sums["refunds"],
        "artisans": table("artisan"),
        "centres": table("centre") if "centre" in rows else None,
        "products": table("product", TOP_PRODUCTS),
        "categories": whole("category"),
        "techniques": whole("technique"),
        "countries": whole("country"),
    }


class DashboardView(ReportMixin, TemplateView):
    """The dashboard; figures of a period that is over come from ``report_cache``."""

    template_name = "sales/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, scope, period, currency = self.parse(self.request)
        sums = report_cache.cached_sums(
            scope, period, currency, partial(figure_sums, scope, period, currency), merge_sums
        )
        figures = dashboard_figures(scope, period, currency, sums)
        summary, points = figures["summary"], figures["series"]
        categories, techniques = figures["categories"], figures["techniques"]
        countries, total = figures["countries"], summary.revenue.value
        market = reports.market_split(countries, total)
        market_rows = [market.domestic, market.export] + (
            [market.unknown] if market.unknown else []
        )
        params = {**period.query_params(), "currency": currency}
        if scope.selected is not None:
            params["centre"] = scope.selected.pk
        context.update(
            form=form,
            scope=scope,
            period=period,
            previous_period=period.previous,
            currency=currency,
            summary=summary,
            refunds=figures["refunds"],
            series=points,
            time_chart=charts.time_chart(points, bucket=period.bucket, currency=currency),
            artisans=figures["artisans"],
            centres=figures["centres"],
            products=figures["products"],
            categories=categories,
            category_chart=charts.share_chart(categories, currency=currency),
            techniques=techniques,
            technique_chart=charts.share_chart(techniques, currency=currency),
            countries=countries,
            market_rows=market_rows,
            market_chart=charts.share_chart(market_rows, currency=currency),
            query=urlencode(params),
            previous_query=urlencode({**params, **period.previous.query_params()}),
            next_query=urlencode({**params, **period.following.query_params()}),
            period_kinds=PeriodKind.choices,
        )
        return context


def _breakdown_rows(dimension):
    def rows(scope, period, currency, total):
        return [
            (
                row.key,
                row.label,
                amount(row.revenue, currency),
                row.units,
                row.orders,
                row.share_percent,
                amount(row.previous_revenue, currency),
            )
            for row in reports.breakdown(scope, period, currency, dimension, total_revenue=total)
        ]

    return rows


BREAKDOWN_HEADER = [
    "key",
    "name",
    "revenue",
    "units",
    "orders",
    "share_percent",
    "previous_period_revenue",
]
EXPORTS = {
    "artisans": ("artisan", BREAKDOWN_HEADER),
    "centres": ("centre", BREAKDOWN_HEADER),
    "categories": ("category", BREAKDOWN_HEADER),
    "techniques": ("technique", BREAKDOWN_HEADER),
    "countries": ("country", BREAKDOWN_HEADER),
    "products": ("product", BREAKDOWN_HEADER),
}


class ExportView(ReportMixin, View):
    """One dashboard table as CSV, for the same period, currency and centres."""

    def get(self, request, table: str):
        form, scope, period, currency = self.parse(request)
        if form.is_bound and not form.is_valid():
            raise Http404("invalid report parameters")
        summary = reports.summary(scope, period, currency)
        total = summary.revenue.value
        prefix = [period.start.isoformat(), period.last_day.isoformat(), currency]
        prefix_header = ["period_start", "period_end", "currency"]
        if table == "summary":
            header = prefix_header + ["figure", "value", "previous_period", "change_percent"]
            figures = [
                ("revenue", summary.revenue, True),
                ("orders", summary.orders, False),
                ("units", summary.units, False),
                ("average_order_value", summary.average_order_value, True),
            ]
            rows = [
                prefix
                + [
                    name,
                    amount(figure.value, currency) if is_money else figure.value,
                    amount(figure.previous, currency) if is_money else figure.previous,
                    figure.change_percent,
                ]
                for name, figure, is_money in figures
            ]
        elif table == "series":
            header = prefix_header + [
                "bucket_start",
                "revenue",
                "units",
                "orders",
                "previous_period_revenue",
            ]
            rows = [
                prefix
                + [
                    point.start.isoformat(),
                    amount(point.revenue, currency),
                    point.units,
                    point.orders,
                    amount(point.previous_revenue, currency),
                ]
                for point in reports.series(scope, period, currency)
            ]
        elif table == "markets":
            countries = reports.breakdown(scope, period, currency, "country", total_revenue=total)
            market = reports.market_split(countries, total)
            header = prefix_header + BREAKDOWN_HEADER
            rows = [
                prefix
                + [
                    row.key,
                    row.label,
                    amount(row.revenue, currency),
                    row.units,
                    row.orders,
                    row.share_percent,
                    amount(row.previous_revenue, currency),
                ]
                for row in [market.domestic, market.export]
                + ([market.unknown] if market.unknown else [])
            ]
        elif table in EXPORTS:
            dimension, header = EXPORTS[table]
            header = prefix_header + header
            rows = [
                prefix + list(row)
                for row in _breakdown_rows(dimension)(scope, period, currency, total)
            ]
        else:
            raise Http404(_("No such table."))
        filename = (
            f"sales-{table}-{period.start.isoformat()}-{period.last_day.isoformat()}-{currency}.csv"
        )
        return csv_response(filename, header, rows)
