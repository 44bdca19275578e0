"""Query budgets of the checkout, account, manager, workshop and trace pages.

Every page is measured in one growing marketplace (``world``): one row of everything
(products with images, orders, ledger postings, stock changes, certificates, audit
events, listings awaiting review), then ten. The page must make the same number of
queries both times, within its budget in ``BUDGETS``. Detail pages show the newest
"big" order, whose lines grow with the rows (1 line, then 10).
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.listings.services import submit_product_for_review
from marketplace.sales.services import post_unposted_earnings
from marketplace.stock.services import change_stock
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    CertificateFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
    place_order,
    product_image,
    setup_shop,
)
from tests.performance.test_query_budgets import BUDGETS, FEW, MANY, page_queries

BankTransfer = get_model("order", "BankTransfer")

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    setup_shop()
    centre = CentreFactory(name="Sentra Batik Jetis")
    artisan = ArtisanFactory(name="Ibu Sri", centre=centre)
    return SimpleNamespace(
        centre=centre,
        artisan=artisan,
        owner=artisan_user(artisan),
        manager=centre_manager(centre),
        admin=UserFactory(is_staff=True, is_superuser=True),
        buyer=UserFactory(email="buyer@example.com"),
        products=[],
        orders=[],
        big_order=None,
        pending=None,
    )


def grow(world, count: int) -> None:
    """``count`` more of every kind of row the measured pages list."""
    for _ in range(count):
        product = ProductFactory(artisan=world.artisan, stock__num_in_stock=5)
        product_image(product)
        neighbour = ProductFactory(artisan=ArtisanFactory(centre=world.centre))
        record = product.stockrecords.get()
        change_stock(stockrecord_id=record.pk, actor=world.owner, reason="correction", set_to=4)
        first = world.products[0] if world.products else product
        # The first piece's own ledger and trace page grow too.
        change_stock(
            stockrecord_id=first.stockrecords.get().pk,
            actor=world.owner,
            reason="produced",
            change=1,
        )
        CertificateFactory(artisan=world.artisan, products=[first, product])
        order = place_order((product, 1), (neighbour, 1), user=world.buyer, status="Paid")
        BankTransfer.objects.create(
            order=order,
            amount=order.total_incl_tax,
            expires_at=timezone.now() + timezone.timedelta(hours=24),
        )
        record_audit_event(
            actor=world.manager,
            action=AuditEvent.Action.PAYOUT_RECORDED,
            target=product,
            centre=world.centre,
        )
        draft = ProductFactory(artisan=world.artisan, is_public=False)
        submit_product_for_review(product=draft, actor=world.owner)
        world.pending = world.pending or draft
        world.products.append(product)
        world.orders.append(order)
    # The newest order holds every piece so far: 1 line, then 10.
    world.big_order = place_order(*[(p, 1) for p in world.products], user=world.buyer)
    post_unposted_earnings()


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, also the key in BUDGETS
    role: str  # who looks: anonymous, buyer, owner (artisan), manager, admin
    url: Callable = None  # world -> URL; default: reverse(name)
    status: int = 200


def first_product(w):
    return w.products[0]


PAGES = [
    # Public trace pages of the first piece (its certificates grow).
    Page("trace:lookup", "anonymous"),
    Page("trace:detail", "anonymous", lambda w: first_product(w).trace_code),
    Page("trace:json", "anonymous", lambda w: first_product(w).trace_code),
    Page("trace:qr-svg", "anonymous", lambda w: first_product(w).trace_code),
    Page("trace:qr-png", "anonymous", lambda w: first_product(w).trace_code),
    # The buyer's account.
    Page("customer:summary", "buyer", status=302),
    Page("customer:profile-view", "buyer"),
    # Oscar's order history and order page, served by marketplace/accounts/order_views.py:
    # were one query per order, and five per line.
    Page("customer:order-list", "buyer"),
    Page("customer:order", "buyer", lambda w: w.big_order.number),
    Page("accounts:my-data", "buyer"),
    # Was one query per order (each address's country): now read with the orders.
    Page("accounts:data-export", "buyer"),
    # The artisan's workshop.
    Page("accounts:two-factor", "owner"),
    Page("dashboard:workshop-index", "owner"),
    Page("dashboard:workshop-stock", "owner"),
    Page(
        "dashboard:workshop-stock-detail",
        "owner",
        lambda w: first_product(w).stockrecords.get().pk,
    ),
    Page("dashboard:workshop-stock-import", "owner"),
    Page("dashboard:workshop-product-create", "owner"),
    Page("dashboard:workshop-product-create-kind", "owner", lambda w: "kain-batik"),
    Page("dashboard:workshop-product-update", "owner", lambda w: first_product(w).pk),
    Page("dashboard:workshop-order-list", "owner"),
    Page("dashboard:workshop-order-detail", "owner", lambda w: w.big_order.number),
    Page("dashboard:workshop-stock-export", "owner"),
    Page("dashboard:workshop-earnings", "owner"),
    Page(
        "dashboard:workshop-statement",
        "owner",
        lambda w: (w.artisan.pk, w.centre.pk, today().year, today().month),
    ),
    # The centre manager's pages.
    Page("backoffice:tasks", "manager"),
    Page("backoffice:order", "manager", lambda w: w.big_order.number),
    Page("sales:dashboard", "manager"),
    Page("sales:export", "manager", lambda w: "artisans"),
    Page("sales:settlements", "manager"),
    Page("sales:settlements-export", "manager"),
    Page("sales:account", "manager", lambda w: (w.centre.pk, w.artisan.pk)),
    Page("sales:account-export", "manager", lambda w: (w.centre.pk, w.artisan.pk)),
    Page(
        "sales:statement",
        "manager",
        lambda w: (w.centre.pk, w.artisan.pk, today().year, today().month),
    ),
    Page("audit:list", "manager"),
    Page("checkout:bank-transfers", "manager"),
    Page("dashboard:listing-review-list", "manager"),
    Page("dashboard:listing-review-detail", "manager", lambda w: w.pending.pk),
    Page("trace:tags", "manager"),
    Page("trace:certificates", "manager"),
    # Staff pages of Oscar's dashboard that the marketplace uses.
    Page("dashboard:catalogue-product", "admin", lambda w: first_product(w).pk),
    Page("dashboard:stock-alert-list", "admin"),
    # Oscar's order page, served by marketplace/oscar_apps/dashboard/orders/views.py:
    # was two queries per line (product, partner). tests/dashboard/test_order_page.py
    # keeps it flat with payments, parcels and notes too.
    Page("dashboard:order-detail", "admin", lambda w: w.big_order.number),
]

ROLES = ["anonymous", "buyer", "owner", "manager", "admin"]


def url_of(page: Page, world) -> str:
    if page.url is None:
        return reverse(page.name)
    args = page.url(world)
    return reverse(page.name, args=args if isinstance(args, tuple) else (args,))


def measure(client, world, pages) -> dict:
    """``{name: (queries with FEW rows, queries with MANY rows)}`` for ``pages``."""
    counts = {}
    grow(world, FEW)
    for page in pages:
        counts[page.name] = [page_queries(client, url_of(page, world), status=page.status)]
    grow(world, MANY - FEW)
    for page in pages:
        counts[page.name].append(page_queries(client, url_of(page, world), status=page.status))
    return {name: tuple(pair) for name, pair in counts.items()}


@pytest.mark.parametrize("role", ROLES)
def test_pages_make_a_fixed_number_of_queries(client, world, role):
    """All of one role's pages, measured in one growing marketplace."""
    pages = [page for page in PAGES if page.role == role]
    if role != "anonymous":
        client.force_login(getattr(world, role))

    counts = measure(client, world, pages)

    assert counts == {name: (few, few) for name, (few, _many) in counts.items()}
    assert {name: many for name, (_few, many) in counts.items()} == {
        name: min(counts[name][1], BUDGETS[name]) for name in counts
    }
