"""The demo order generator: consistent placed orders, posted once, idempotent."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.sales import demo, reports
from marketplace.sales.models import EntryKind, LedgerEntry
from marketplace.sales.periods import Period
from marketplace.sales.scope import Scope
from tests.factories import ArtisanFactory, CentreFactory, ProductFactory, centre_manager

Line = get_model("order", "Line")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 18)
NOW = timezone.make_aware(datetime.combine(TODAY, time(12)))


@pytest.fixture
def catalogue():
    centre = CentreFactory()
    centre_manager(centre)
    artisans = [ArtisanFactory(centre=centre, is_fictional=True) for _ in range(3)]
    for index, artisan in enumerate(artisans):
        ProductFactory(artisan=artisan, technique="cap", stock__price=Decimal(150000 + index))
        ProductFactory(artisan=artisan, technique="tulis", stock__price=Decimal(900000))
    return centre


def generate(**kwargs):
    return demo.generate_orders(months=2, orders_per_day=3, today=TODAY, now=NOW, **kwargs)


def test_generated_orders_are_consistent_and_posted_once(catalogue):
    summary = generate()
    assert summary.orders_created == Order.objects.count() > 100
    assert summary.lines_created == Line.objects.count()
    for order in Order.objects.prefetch_related("lines"):
        lines_total = sum(line.line_price_incl_tax for line in order.lines.all())
        assert order.total_incl_tax == lines_total + order.shipping_incl_tax
        assert order.date_placed <= NOW
    line = Line.objects.select_related("product", "artisan").first()
    assert (line.artisan_id, line.centre_id, line.category_slug, line.technique) == (
        line.product.artisan_id,
        catalogue.pk,
        "kain-batik",
        line.product.technique,
    )
    counted = Line.objects.filter(order__status__in=["Paid", "Shipped", "Complete"])
    assert LedgerEntry.objects.filter(kind=EntryKind.SALE).count() == counted.count()
    assert Order.objects.filter(status="Cancelled").exists()
    # Sales equal what the report shows for the whole range.
    period = Period.custom(date(2026, 1, 1), TODAY)  # whole months back, and this one
    revenue = reports.summary(Scope((catalogue,), False), period, "IDR").revenue.value
    assert revenue == counted.aggregate(total=Sum("line_price_incl_tax"))["total"]
    assert summary.payouts_recorded > 0


def test_running_it_again_adds_nothing(catalogue):
    generate()
    counts = (Order.objects.count(), Line.objects.count(), LedgerEntry.objects.count())
    again = generate()
    assert (again.orders_created, again.entries_posted, again.payouts_recorded) == (0, 0, 0)
    assert (Order.objects.count(), Line.objects.count(), LedgerEntry.objects.count()) == counts


def test_a_later_run_adds_only_the_hours_that_have_passed(catalogue):
    generate()
    before = Order.objects.count()
    later = demo.generate_orders(
        months=2,
        orders_per_day=3,
        today=TODAY,
        now=timezone.make_aware(datetime.combine(TODAY, time(23, 59))),
    )
    created_today_afternoon = Order.objects.filter(date_placed__gt=NOW).count()
    assert later.orders_created == created_today_afternoon == Order.objects.count() - before


def test_the_command_reports_what_it_did(catalogue, capsys):
    call_command("generate_demo_orders", "--months", "1", "--orders-per-day", "1")
    assert "orders" in capsys.readouterr().out
    assert Order.objects.exists()


def test_without_products_the_generator_says_what_to_do(db):
    with pytest.raises(ValueError, match="load the demo first"):
        generate()
