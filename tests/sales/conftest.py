"""Known sales data: two centres, three artisans, orders in February–April 2026.

The figures the tests expect are worked out by hand in the test modules from these
prices; nothing here computes them.
"""

from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from oscar.core.loading import get_model

from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    centre_manager,
    kind_category,
    placed_order,
)

ProductClass = get_model("catalogue", "ProductClass")
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(year, month, day, hour=10, minute=0):
    """A moment in Jakarta time."""
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def product(artisan, technique, kind, price):
    return ProductFactory(
        artisan=artisan,
        technique=technique,
        product_class=ProductClass.objects.get(slug=kind),
        category=kind_category(kind),
        stock__price=Decimal(price),
    )


@pytest.fixture
def shop(db):
    centre_a = CentreFactory(name="Sentra Batik A", slug="sentra-a")
    centre_b = CentreFactory(name="Sentra Batik B", slug="sentra-b")
    a1 = ArtisanFactory(name="Ibu Sri", centre=centre_a)
    a2 = ArtisanFactory(name="Pak Darto", centre=centre_a)
    b1 = ArtisanFactory(name="Bu Wening", centre=centre_b)
    p1 = product(a1, "tulis", "kain-batik", "1250000")
    p2 = product(a2, "cap", "busana", "350000")
    p3 = product(b1, "kombinasi", "tas", "400000")
    p4 = product(a1, "ecoprint", "dekorasi-rumah", "99999")
    orders = SimpleNamespace(
        o1=placed_order((p1, 1, "1250000"), (p3, 2, "400000"), placed=at(2026, 3, 2)),
        o2=placed_order(
            (p2, 3, "350000"), placed=at(2026, 3, 15, 9), country_code="SG", status="Complete"
        ),
        o3=placed_order((p4, 2, "99999"), placed=at(2026, 3, 31, 23, 30), status="Shipped"),
        cancelled=placed_order((p1, 1, "1250000"), placed=at(2026, 3, 10), status="Cancelled"),
        unpaid=placed_order((p3, 1, "400000"), placed=at(2026, 3, 11), status="Awaiting payment"),
        usd=placed_order(
            (p1, 1, "85.50"), placed=at(2026, 3, 12), currency="USD", country_code="JP"
        ),
        feb=placed_order(
            (p1, 1, "1200000"), (p3, 1, "400000"), placed=at(2026, 2, 20), status="Complete"
        ),
        april=placed_order((p2, 1, "350000"), placed=at(2026, 4, 1, 0, 30)),
    )
    return SimpleNamespace(
        centre_a=centre_a,
        centre_b=centre_b,
        a1=a1,
        a2=a2,
        b1=b1,
        p1=p1,
        p2=p2,
        p3=p3,
        p4=p4,
        orders=orders,
        manager_a=centre_manager(centre_a, email="manager.a@example.com"),
        manager_b=centre_manager(centre_b, email="manager.b@example.com"),
    )
