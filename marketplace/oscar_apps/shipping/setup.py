"""Data step: the shop's shipping countries and its two weight-based methods.

Idempotent; run by ``manage.py setup_checkout`` (and so by ``make demo``). The band
charges are example courier tariffs from a Jawa Timur centre, in rupiah — set the
real ones in Oscar's dashboard (Fulfilment → Shipping).
"""

import io
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

Country = get_model("address", "Country")
WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")

# (name, zone, description, default weight kg, [(up to kg, charge in rupiah)])
METHODS = [
    (
        "Pengiriman domestik dari sentra",
        WeightBased.Zone.DOMESTIC,
        "Kurir dari sentra ke seluruh alamat di Indonesia, 2–5 hari kerja.",
        Decimal("0.500"),
        [(1, 25_000), (3, 45_000), (5, 70_000), (10, 120_000), (20, 200_000)],
    ),
    (
        "International shipping from the centre",
        WeightBased.Zone.INTERNATIONAL,
        "Pos Indonesia EMS from the centre, tracked, 7–14 working days.",
        Decimal("0.500"),
        [(0.5, 280_000), (1, 420_000), (2, 650_000), (5, 1_300_000), (10, 2_300_000)],
    ),
]


def ensure_shipping_countries() -> None:
    """Every country, shippable (pycountry's list), unless countries already exist."""
    if not Country.objects.exists():
        call_command("oscar_populate_countries", stdout=io.StringIO())


@transaction.atomic
def ensure_shipping_methods() -> list:
    ensure_shipping_countries()
    methods = []
    for name, zone, description, default_weight, bands in METHODS:
        method, created = WeightBased.objects.get_or_create(
            name=name,
            defaults={"zone": zone, "description": description, "default_weight": default_weight},
        )
        if created:
            for upper_limit, charge in bands:
                WeightBand.objects.create(
                    method=method, upper_limit=Decimal(str(upper_limit)), charge=Decimal(charge)
                )
        methods.append(method)
    return methods
