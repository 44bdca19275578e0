"""Generated order history for the demo and for benchmarks, with settlements posted.

Orders are written with ``bulk_create`` rather than through checkout: they are past
orders, already shipped, so they must not allocate today's stock (a unique tulis
piece would show as sold out). Each line is filled exactly as the forked
``OrderCreator`` fills it — its provenance comes from the same
:func:`~marketplace.oscar_apps.order.utils.provenance_snapshot` — so reports and
settlements cannot tell them from real orders.

Idempotent: order numbers are derived from the day and a per-day counter
(``DEMO-20260315-003``) and the contents from a seed and the day, so running again
adds only the days (and hours) that have passed since; settlement posting and the
demo payouts skip what exists.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pycountry
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import Technique
from marketplace.oscar_apps.order.utils import provenance_snapshot

from . import services
from .models import ArtisanTaxProfile, EntryKind, LedgerEntry, Pph22Status
from .periods import add_months
from .scope import Scope

Country = get_model("address", "Country")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

NUMBER_PREFIX = "DEMO-"
HOME = "ID"
# Where export buyers ship to, with weights (neighbours and batik's old markets).
EXPORT_COUNTRIES = [("SG", 5), ("MY", 5), ("JP", 4), ("NL", 3), ("AU", 3), ("US", 3), ("DE", 2)]
EXPORT_SHARE = 0.22
DOMESTIC_CITIES = [
    "Kota Mojokerto",
    "Surabaya",
    "Jakarta Selatan",
    "Bandung",
    "Yogyakarta",
    "Denpasar",
    "Malang",
    "Semarang",
    "Medan",
    "Makassar",
]
BUYER_NAMES = [
    ("Dewi", "Lestari"),
    ("Budi", "Santoso"),
    ("Siti", "Rahma"),
    ("Agus", "Wibowo"),
    ("Hana", "Suzuki"),
    ("Emma", "de Vries"),
    ("Liam", "Tan"),
    ("Nur", "Aisyah"),
]
SHIPPING = {"domestic": Decimal("25000"), "export": Decimal("350000")}
BATCH = 2000

Progress = Callable[[str], None]


@dataclass(frozen=True)
class OrderHistorySummary:
    days: int
    orders_created: int
    lines_created: int
    entries_posted: int
    payouts_recorded: int
    seconds: float


@dataclass(frozen=True)
class _Item:
    """A product that can be ordered: what an order line needs of it."""

    product_id: int
    title: str
    upc: str | None
    stockrecord_id: int
    partner_id: int
    partner_name: str
    partner_sku: str
    price: Decimal
    snapshot: dict
    unique_piece: bool


def orderable_items() -> list[_Item]:
    """Public products with an artisan and a rupiah stock record, in a stable order."""
    records = (
        StockRecord.objects.filter(
            price_currency="IDR",
            price__isnull=False,
            product__is_public=True,
        )
        .filter(Q(product__artisan__isnull=False) | Q(product__parent__artisan__isnull=False))
        .select_related(
            "partner",
            "product__artisan",
            "product__centre",
            "product__product_class",
            "product__parent__artisan",
            "product__parent__centre",
            "product__parent__product_class",
        )
        .order_by("product_id", "pk")
    )
    items, seen = [], set()
    for record in records:
        if record.product_id in seen:
            continue
        seen.add(record.product_id)
        snapshot = provenance_snapshot(record.product)
        if snapshot["artisan"] is None or snapshot["centre"] is None:
            continue
        items.append(
            _Item(
                product_id=record.product_id,
                title=record.product.get_title(),
                upc=record.product.upc,
                stockrecord_id=record.pk,
                partner_id=record.partner_id,
                partner_name=record.partner.name,
                partner_sku=record.partner_sku,
                price=record.price,
                snapshot=snapshot,
                unique_piece=snapshot["technique"] == Technique.TULIS,
            )
        )
    return items


def ensure_countries(codes) -> None:
    """Oscar's country rows for ``codes`` (created from pycountry when missing)."""
    existing = set(Country.objects.filter(pk__in=codes).values_list("pk", flat=True))
    missing = []
    for code in codes:
        if code in existing:
            continue
        country = pycountry.countries.get(alpha_2=code)
        missing.append(
            Country(
                iso_3166_1_a2=code,
                iso_3166_1_a3=country.alpha_3,
                iso_3166_1_numeric=country.numeric,
                printable_name=getattr(country, "common_name", country.name),
                name=getattr(country, "official_name", country.name),
                is_shipping_country=True,
            )
        )
    Country.objects.bulk_create(missing)


def _status(rng: random.Random, age_days: int) -> str:
    """Most orders were paid and have moved on; a few were cancelled or are unpaid."""
    roll = rng.random()
    if roll < 0.05:
        return "Cancelled"
    if age_days <= 2 and roll < 0.12:
        return "Awaiting payment"  # a bank transfer not received yet
    if age_days <= 2:
        return "Paid"
    if age_days <= 10:
        return "Shipped"
    return "Complete"


def _day_plan(rng: random.Random, day: date, orders_per_day: float) -> int:
    weekend = 1.35 if day.weekday() >= 5 else 1.0
    # A gentle rise through the months so the comparison with last period shows.
    trend = 1.0 + (day.toordinal() % 365) / 900
    expected = orders_per_day * weekend * trend
    return max(0, int(rng.gauss(expected, expected / 3) + 0.5))


def generate_orders(
    *,
    months: int = 4,
    seed: int = 2026,
    orders_per_day: float = 4,
    max_lines_per_order: int = 3,
    today: date | None = None,
    now: datetime | None = None,
    post_settlements: bool = True,
    record_payouts: bool = True,
    number_prefix: str = NUMBER_PREFIX,
    progress: Progress | None = None,
) -> OrderHistorySummary:
    """Create the placed orders of the last ``months`` months (and this one so far).

    ``orders_per_day`` is the average; weekends sell more. About a fifth of the
    buyers ship abroad. Everything is in rupiah (the demo's prices are).
    """
    report = progress or (lambda message: None)
    started = time.monotonic()
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    items = orderable_items()
    if not items:
        raise ValueError("no public products with an artisan and an IDR price: load the demo first")
    ensure_countries([HOME] + [code for code, _weight in EXPORT_COUNTRIES])
    first_day = add_months(today, -months)
    days = [first_day + timedelta(days=n) for n in range((today - first_day).days + 1)]
    existing = set(
        Order.objects.filter(number__startswith=number_prefix).values_list("number", flat=True)
    )
    site_id = Site.objects.values_list("pk", flat=True).first()
    orders_created = lines_created = pending_lines = 0
    pending: list[tuple[Order, ShippingAddress, list[Line]]] = []
    for day in days:
        rng = random.Random(f"{seed}:{day.isoformat()}")
        for index in range(1, _day_plan(rng, day, orders_per_day) + 1):
            # Draw every value even for orders that exist, so later ones stay the same.
            placed = timezone.make_aware(
                datetime.combine(day, datetime.min.time())
                + timedelta(seconds=rng.randint(7 * 3600, 22 * 3600))
            )
            order, address, lines = _draft_order(
                rng,
                number=f"{number_prefix}{day:%Y%m%d}-{index:03d}",
                placed=placed,
                age_days=(today - day).days,
                items=items,
                max_lines=max_lines_per_order,
                site_id=site_id,
            )
            if placed > now or order.number in existing:
                continue
            pending.append((order, address, lines))
            pending_lines += len(lines)
            if pending_lines >= BATCH:
                orders_created, lines_created = _flush(pending, orders_created, lines_created)
                pending_lines = 0
                report(f"orders {orders_created}, lines {lines_created}")
    orders_created, lines_created = _flush(pending, orders_created, lines_created)
    report(f"orders {orders_created}, lines {lines_created}")
    entries = payouts = 0
    if post_settlements:
        ensure_demo_tax_profiles()
        entries = services.post_unposted_earnings(
            orders=Order.objects.filter(number__startswith=number_prefix)
        ).entries_created
        report(f"settlement entries {entries}")
        if record_payouts:
            payouts = record_demo_payouts(today=today)
            report(f"payouts {payouts}")
    return OrderHistorySummary(
        days=len(days),
        orders_created=orders_created,
        lines_created=lines_created,
        entries_posted=entries,
        payouts_recorded=payouts,
        seconds=time.monotonic() - started,
    )


def _draft_order(rng, *, number, placed, age_days, items, max_lines, site_id):
    is_export = rng.random() < EXPORT_SHARE
    if is_export:
        codes, weights = zip(*EXPORT_COUNTRIES, strict=True)
        country = rng.choices(codes, weights=weights)[0]
        city = {
            "SG": "Singapore",
            "MY": "Kuala Lumpur",
            "JP": "Tokyo",
            "NL": "Amsterdam",
            "AU": "Melbourne",
            "US": "New York",
            "DE": "Berlin",
        }[country]
    else:
        country, city = HOME, rng.choice(DOMESTIC_CITIES)
    first_name, last_name = rng.choice(BUYER_NAMES)
    address = ShippingAddress(
        first_name=first_name,
        last_name=last_name,
        line1=f"Jalan Contoh No. {rng.randint(1, 200)}",
        line4=city,
        postcode=f"{rng.randint(10000, 99999)}",
        country_id=country,
    )
    chosen = rng.sample(items, k=min(len(items), rng.randint(1, max_lines)))
    lines, total = [], Decimal("0")
    for item in chosen:
        quantity = 1 if item.unique_piece else rng.choice([1, 1, 1, 2, 3])
        price = item.price * quantity
        total += price
        lines.append(
            Line(
                partner_id=item.partner_id,
                partner_name=item.partner_name,
                partner_sku=item.partner_sku,
                stockrecord_id=item.stockrecord_id,
                product_id=item.product_id,
                title=item.title,
                upc=item.upc,
                quantity=quantity,
                line_price_incl_tax=price,
                line_price_excl_tax=price,
                line_price_before_discounts_incl_tax=price,
                line_price_before_discounts_excl_tax=price,
                unit_price_incl_tax=item.price,
                unit_price_excl_tax=item.price,
                num_allocated=quantity,
                artisan_id=item.snapshot["artisan"].pk,
                centre_id=item.snapshot["centre"].pk,
                artisan_name=item.snapshot["artisan_name"],
                centre_name=item.snapshot["centre_name"],
                category_slug=item.snapshot["category_slug"],
                category_name=item.snapshot["category_name"],
                technique=item.snapshot["technique"],
            )
        )
    shipping = SHIPPING["export" if is_export else "domestic"]
    order = Order(
        number=number,
        site_id=site_id,
        currency="IDR",
        total_incl_tax=total + shipping,
        total_excl_tax=total + shipping,
        shipping_incl_tax=shipping,
        shipping_excl_tax=shipping,
        shipping_method="Demo courier",
        shipping_code="demo",
        status=_status(rng, age_days),
        guest_email=f"{first_name.lower()}.{rng.randint(1, 999)}@buyer.example",
        date_placed=placed,
    )
    return order, address, lines


@transaction.atomic
def _flush(pending, orders_created: int, lines_created: int) -> tuple[int, int]:
    if not pending:
        return orders_created, lines_created
    addresses = ShippingAddress.objects.bulk_create([address for _o, address, _l in pending])
    orders = []
    for (order, _address, _lines), address in zip(pending, addresses, strict=True):
        order.shipping_address_id = address.pk
        orders.append(order)
    Order.objects.bulk_create(orders)
    lines = []
    for order, _address, order_lines in pending:
        for line in order_lines:
            line.order_id = order.pk
            lines.append(line)
    Line.objects.bulk_create(lines, batch_size=BATCH)
    count = len(pending)
    pending.clear()
    return orders_created + count, lines_created + len(lines)


def ensure_demo_tax_profiles() -> None:
    """Most demo artisans filed the small-seller statement; every seventh did not."""
    have = set(ArtisanTaxProfile.objects.values_list("artisan_id", flat=True))
    ArtisanTaxProfile.objects.bulk_create(
        [
            ArtisanTaxProfile(
                artisan_id=artisan_id,
                pph22_status=Pph22Status.WITHHELD if artisan_id % 7 == 0 else Pph22Status.STATEMENT,
                reference="" if artisan_id % 7 == 0 else f"SP-OMZET-{artisan_id:05d}",
            )
            for artisan_id in Artisan.objects.filter(is_fictional=True).values_list("pk", flat=True)
            if artisan_id not in have
        ]
    )


def record_demo_payouts(*, today: date) -> int:
    """Pay each demo account, on the 5th of each past month, what it was owed at the
    end of the month before — recorded by one of the centre's managers."""
    recorded = 0
    managers = {}
    for centre in Centre.objects.prefetch_related("managers"):
        people = sorted(centre.managers.all(), key=lambda user: user.pk)
        if people:
            managers[centre.pk] = people[0]
    if not managers:
        return 0
    this_month = today.replace(day=1)
    first = (
        LedgerEntry.objects.filter(order_number__startswith=NUMBER_PREFIX)
        .order_by("effective_date")
        .values_list("effective_date", flat=True)
        .first()
    )
    if first is None:
        return 0
    month = add_months(first, 1)
    while month <= this_month:
        paid_on = month.replace(day=5)
        if paid_on > today:
            break
        scope = Scope(centres=tuple(Centre.objects.filter(pk__in=managers)), is_admin=False)
        owed = {
            (row["artisan_id"], row["centre_id"]): row["balance"]
            for row in _balances_before(scope, month)
        }
        artisans = Artisan.objects.in_bulk({artisan_id for artisan_id, _c in owed})
        centres = Centre.objects.in_bulk({centre_id for _a, centre_id in owed})
        for (artisan_id, centre_id), balance in sorted(owed.items()):
            reference = f"DEMO-TRF-{artisan_id}-{month:%Y%m}"
            if (
                balance <= 0
                or LedgerEntry.objects.filter(
                    artisan_id=artisan_id, kind=EntryKind.PAYOUT, reference=reference
                ).exists()
            ):
                continue
            try:
                services.record_payout(
                    artisan=artisans[artisan_id],
                    centre=centres[centre_id],
                    amount=balance,
                    currency="IDR",
                    paid_on=paid_on,
                    bank_reference=reference,
                    user=managers[centre_id],
                    note="Demo: monthly transfer",
                )
            except ValidationError:
                continue  # refunded since: less is owed now than at the month's end
            recorded += 1
        month = add_months(month, 1)
    return recorded


def _balances_before(scope: Scope, day: date):
    """Each IDR account's balance from entries dated before ``day``."""
    return (
        LedgerEntry.objects.filter(
            centre_id__in=scope.centre_ids, currency="IDR", effective_date__lt=day
        )
        .values("artisan_id", "centre_id")
        .annotate(balance=Sum("amount"))
    )
