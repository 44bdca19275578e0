"""Query budgets of Oscar's buyer extras: ranges, offers, reviews, the saved basket,
the address book, stock alerts, e-mail history, notifications, wish lists and the
guest order page.

Measured like ``test_page_budgets``: one growing marketplace (``world``) gets one row
of everything these pages list, then ten (products with images, each from its own
artisan and centre). Each page must make the same number of queries both times, and
exactly its budget in ``BUDGETS``; a list page must show every row it was given.
"""

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.test.factories import (
    BenefitFactory,
    ConditionalOfferFactory,
    ConditionFactory,
    CountryFactory,
    RangeFactory,
    UserAddressFactory,
)

from marketplace.workshop.fulfilment import ship_own_lines
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    UserFactory,
    place_order,
    product_image,
    setup_shop,
)
from tests.performance.test_page_budgets import Page, url_of
from tests.performance.test_query_budgets import BUDGETS, FEW, MANY, page_queries

Basket = get_model("basket", "Basket")
Email = get_model("communication", "Email")
Notification = get_model("communication", "Notification")
ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")
RangeProduct = get_model("offer", "RangeProduct")
Vote = get_model("reviews", "Vote")
WishList = get_model("wishlists", "WishList")
Strategy = get_class("partner.strategy", "Default")

pytestmark = pytest.mark.django_db

GUEST_EMAIL = "tamu@example.com"


@pytest.fixture
def world(db):
    setup_shop()
    buyer = UserFactory(email="pembeli@example.com")
    friend = UserFactory(email="teman@example.com")
    reviewed = ProductFactory(title="Kain batik ulasan")
    product_image(reviewed)
    # A friend's wish list, shared with the buyer by e-mail address.
    shared = WishList.objects.create(owner=friend, name="Kado", visibility=WishList.SHARED)
    shared.shared_emails.create(email=buyer.email)
    return SimpleNamespace(
        buyer=buyer,
        friend=friend,
        reviewed=reviewed,
        reviews=[],
        range=RangeFactory(name="Koleksi Mojokerto", is_public=True),
        offers=[],
        saved=Basket.objects.create(owner=buyer, status=Basket.SAVED),
        wishlist=None,
        shared=shared,
        emails=[],
        notifications=[],
        guest_order=None,
        products=[],
    )


def grow(world, count: int) -> None:
    """``count`` more of every kind of row the measured pages list."""
    indonesia = CountryFactory(iso_3166_1_a2="ID", printable_name="Indonesia")
    world.saved.strategy = Strategy()
    for _ in range(count):
        n = len(world.products)
        product = ProductFactory(artisan=ArtisanFactory(centre=CentreFactory()))
        product_image(product)
        world.products.append(product)
        world.saved.add_product(product)
        # The buyer's first wish list holds every piece; each step adds a list too.
        wishlist = WishList.objects.create(owner=world.buyer, name=f"Daftar {n}")
        world.wishlist = world.wishlist or wishlist
        world.wishlist.add(product)
        world.shared.add(product)
        # The range and the first offer hold every piece; each step adds an offer on a
        # range of its own.
        RangeProduct.objects.create(range=world.range, product=product, display_order=n)
        offer_range = RangeFactory(products=[product]) if world.offers else world.range
        world.offers.append(
            ConditionalOfferFactory(
                name=f"Diskon {n}",
                condition=ConditionFactory(range=offer_range, value=2),
                benefit=BenefitFactory(range=offer_range),
            )
        )
        UserAddressFactory(user=world.buyer, country=indonesia, line1=f"Jl. Majapahit {n}")
        # A stock alert waits for a sold-out piece (one in stock would be sent and closed).
        sold_out = ProductFactory(
            artisan=ArtisanFactory(centre=CentreFactory()), stock__num_in_stock=0
        )
        product_image(sold_out)
        ProductAlert.objects.create(user=world.buyer, product=sold_out)
        world.emails.append(
            Email.objects.create(
                user=world.buyer,
                email=world.buyer.email,
                subject=f"Pesanan {n}",
                body_text="Terima kasih",
                body_html="<p>Terima kasih</p>",
            )
        )
        for location in (Notification.INBOX, Notification.ARCHIVE):
            world.notifications.append(
                Notification.objects.create(
                    recipient=world.buyer,
                    sender=world.friend,
                    subject=f"Kabar {n}",
                    body="Barang sudah dikirim",
                    location=location,
                )
            )
        review = ProductReview.objects.create(
            product=world.reviewed,
            user=UserFactory(),
            score=4,
            title=f"Bagus {n}",
            body="Kainnya halus",
            status=ProductReview.APPROVED,
        )
        world.reviews.append(review)
        if n % 2:  # The buyer found every other review helpful.
            Vote.objects.create(review=review, user=world.buyer, delta=Vote.UP)
    # The newest guest order holds every piece so far (1 line, then 10), each sent by
    # its artisan in a parcel of its own.
    pieces = [(product, 1) for product in world.products]
    world.guest_order = place_order(*pieces, guest_email=GUEST_EMAIL, status="Paid")
    for line in world.guest_order.lines.all():
        ship_own_lines(
            partner_ids=[line.partner_id],
            order_number=world.guest_order.number,
            line_ids=[line.pk],
            courier="JNE",
            tracking_number=f"JNE{line.pk:08d}",
            user=None,
        )


def reviewed(w):
    return (w.reviewed.slug, w.reviewed.pk)


def guest_order(w):
    return (w.guest_order.number, w.guest_order.verification_hash())


def listed(key: str) -> Callable:
    """How many rows the page shows: the length of ``key`` in its context."""
    return lambda context: len(context[key])


PAGES = [
    # A GET only redirects to the basket page (the saved lines are moved by POST).
    Page("basket:saved", "buyer", status=302),
    # Oscar's, reading the products with what their cards show
    # (marketplace/storefront/offer_views.py): were about nine queries per product.
    Page("catalogue:range", "anonymous", lambda w: w.range.slug),
    Page("offer:detail", "anonymous", lambda w: w.offers[0].slug),
    # Oscar's asked each offer's range for its products, after two or three existence
    # checks (15 queries for 1 offer, 42 for 10 with the products read once; 25 per
    # offer before that): the first products of every offer now come in one query
    # (10 queries for 1 offer or 10).
    Page("offer:list", "anonymous"),
    # Oscar's, reading each review's reviewer and product, and whether the signed-in
    # viewer voted on it, with the list (catalogue_ext/views.py): was six queries per
    # review for a signed-in buyer, two for a visitor.
    Page("catalogue:reviews-list", "buyer", reviewed),
    Page("catalogue:reviews-detail", "anonymous", lambda w: (*reviewed(w), w.reviews[0].pk)),
    # Oscar's, reading their rows in bulk (marketplace/accounts/list_views.py): were a
    # query per address (its country) or wish list (its count), two per wish list line
    # (product, photo), about nine per product card of a shared wish list.
    Page("customer:address-list", "buyer"),
    Page("customer:wishlists-list", "buyer"),
    Page("customer:wishlists-detail", "buyer", lambda w: w.wishlist.key),
    Page("wishlists:detail", "buyer", lambda w: w.shared.key),
    Page("customer:alerts-list", "buyer"),
    Page("customer:email-list", "buyer"),
    Page("customer:email-detail", "buyer", lambda w: w.emails[0].pk),
    Page("customer:notifications-inbox", "buyer"),
    Page("customer:notifications-archive", "buyer"),
    Page("customer:notifications-detail", "buyer", lambda w: w.notifications[0].pk),
    Page("customer:anon-order-form", "anonymous", guest_order),
    # Oscar's, reading the lines with their options, product, maker and shipping
    # events (marketplace/accounts/order_views.py): was five queries per line.
    Page("customer:anon-order", "guest", guest_order),
]

# What each list page shows: FEW rows, then MANY.
ROWS = {
    "catalogue:range": listed("products"),
    "catalogue:reviews-list": listed("reviews"),
    "offer:list": listed("offers"),
    "offer:detail": listed("products"),
    "customer:address-list": listed("addresses"),
    "customer:alerts-list": listed("alerts"),
    "customer:email-list": listed("emails"),
    "customer:notifications-inbox": listed("notifications"),
    "customer:notifications-archive": listed("notifications"),
    "customer:wishlists-list": listed("wishlists"),
    "customer:wishlists-detail": lambda context: context["form"].total_form_count(),
    "wishlists:detail": lambda context: len(context["page_obj"]),
    # Every line shows that it was shipped (its status read from the shipping events).
    "customer:anon-order": lambda context: [
        line.shipping_status for line in context["order"].lines.all()
    ].count("Shipped"),
}


def sign_in(client, world, role: str) -> None:
    if role == "buyer":
        client.force_login(world.buyer)
    elif role == "guest":
        # Oscar shows a guest order once its e-mail address was given in the session.
        url = reverse("customer:anon-order-form", args=guest_order(world))
        assert client.post(url, {"email": GUEST_EMAIL}).status_code == 302


def measure(client, world, pages, role: str) -> tuple[dict, dict]:
    """``{name: (queries with FEW rows, with MANY)}`` and the rows each list showed."""
    counts, rows = {}, {}
    for step in (FEW, MANY - FEW):
        grow(world, step)
        if step == FEW:
            sign_in(client, world, role)
        for page in pages:
            url = url_of(page, world)
            counts.setdefault(page.name, []).append(page_queries(client, url, status=page.status))
            if page.name in ROWS:
                shown = ROWS[page.name](client.get(url).context)
                rows.setdefault(page.name, []).append(shown)
    return (
        {name: tuple(pair) for name, pair in counts.items()},
        {name: tuple(pair) for name, pair in rows.items()},
    )


@pytest.mark.parametrize("role", sorted({page.role for page in PAGES}))
def test_buyer_extras_make_a_fixed_number_of_queries(client, world, role):
    pages = [page for page in PAGES if page.role == role]

    counts, rows = measure(client, world, pages, role)

    assert counts == {name: (BUDGETS[name], BUDGETS[name]) for name in counts}
    assert rows == dict.fromkeys(rows, (FEW, MANY))


# basket:saved only redirects: the saved lines are shown (and moved) on the basket
# page, whose budget in BUDGETS is a visitor's with open lines. The buyer's basket
# page with saved lines:
BASKET_PAGE_WITH_SAVED_LINES = 20


def test_the_basket_page_shows_saved_lines_in_a_fixed_number_of_queries(client, world):
    client.force_login(world.buyer)
    url = reverse("basket:summary")
    counts, rows = [], []
    for step in (FEW, MANY - FEW):
        grow(world, step)
        counts.append(page_queries(client, url))
        rows.append(len(client.get(url).context["saved_formset"].forms))

    assert (counts, rows) == ([BASKET_PAGE_WITH_SAVED_LINES] * 2, [FEW, MANY])
