"""The currency a buyer shops in: rupiah (domestic) or US dollars (export).

The choice lives in the session, so it is remembered across visits of the same
browser session and after signing in.
"""

from .models import Currency

SESSION_KEY = "marketplace_currency"
DEFAULT_CURRENCY = Currency.IDR.value
SUPPORTED_CURRENCIES = tuple(Currency.values)


def currency_for_request(request) -> str:
    session = getattr(request, "session", None)
    if session is None:
        return DEFAULT_CURRENCY
    chosen = session.get(SESSION_KEY)
    return chosen if chosen in SUPPORTED_CURRENCIES else DEFAULT_CURRENCY


def remember_currency(request, currency: str) -> None:
    if currency not in SUPPORTED_CURRENCIES:
        raise ValueError(f"unsupported currency {currency!r}")
    request.session[SESSION_KEY] = currency
