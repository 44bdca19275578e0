"""CSV downloads of the dashboard tables and the ledgers.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are prefixed with an apostrophe: names and titles
come from people and are never executed. Amounts are written unformatted, with a
dot, in the currency's own digits (rupiah whole).
"""

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

from marketplace.core.money import round_money

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def amount(value: Decimal, currency: str) -> Decimal:
    """An amount as the CSV writes it: in the currency's digits (Rp whole)."""
    return round_money(value, currency)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark lets spreadsheet programs read the names' accents right.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([cell(title) for title in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return response
