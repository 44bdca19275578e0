"""The buyer's order history and order page (Oscar's views, read in bulk by ours)."""

import pytest
from django.urls import resolve, reverse
from oscar.core.loading import get_model

from marketplace.accounts import order_views
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, place_order

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")


@pytest.fixture
def buyer():
    return UserFactory(email="buyer@example.com")


@pytest.fixture
def pieces():
    return [
        ProductFactory(title="Kain Sekar Jagad", artisan=ArtisanFactory(name="Ibu Sri")),
        ProductFactory(title="Tas Parang", artisan=ArtisanFactory(name="Pak Darto")),
    ]


def test_oscars_names_lead_to_our_views():
    assert resolve(reverse("customer:order-list")).func.view_class is order_views.OrderHistoryView
    detail = reverse("customer:order", kwargs={"order_number": "100001"})
    assert resolve(detail).func.view_class is order_views.OrderDetailView
    guest = reverse("customer:anon-order", kwargs={"order_number": "100001", "hash": "1:ab-c_"})
    assert resolve(guest).func.view_class is order_views.AnonymousOrderDetailView


def test_the_history_counts_each_orders_pieces(client, buyer, pieces):
    first = place_order((pieces[0], 2), (pieces[1], 1), user=buyer, number="100001")
    second = place_order((pieces[1], 4), user=buyer, number="100002")
    place_order((pieces[0], 1), user=UserFactory(), number="100003")
    client.force_login(buyer)
    page = client.get(reverse("customer:order-list"))
    assert [(o.number, o.num_items) for o in page.context["orders"]] == [
        (second.number, 4),
        (first.number, 3),
    ]
    assert "100003" not in page.content.decode()


def test_the_order_page_shows_each_piece_its_maker_and_the_review_offer(client, buyer, pieces):
    order = place_order((pieces[0], 2), (pieces[1], 1), user=buyer, number="100001")
    ProductReview.objects.create(
        product=pieces[1], user=buyer, title="Bagus", body="Rapi.", score=5, status=1
    )
    client.force_login(buyer)
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.status_code == 200
    html = page.content.decode()
    for title, maker in (("Kain Sekar Jagad", "Ibu Sri"), ("Tas Parang", "Pak Darto")):
        assert f'<td class="line-title">{title}</td>' in html
        assert f">{maker}</a>" in html
    # Reviewed already: no second review offered for the bag; the cloth may be reviewed.
    review_links = [
        reverse("catalogue:reviews-add", kwargs={"product_slug": p.slug, "product_pk": p.pk})
        for p in pieces
    ]
    assert review_links[0] in html
    assert review_links[1] not in html


def test_another_buyers_order_is_a_404(client, buyer, pieces):
    order = place_order((pieces[0], 1), user=UserFactory(), number="100009")
    client.force_login(buyer)
    url = reverse("customer:order", kwargs={"order_number": order.number})
    assert client.get(url).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("customer:order-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


def _line_url(order, line_id):
    return reverse("customer:order-line", kwargs={"order_number": order.number, "line_id": line_id})


def test_a_line_address_opened_in_the_browser_goes_to_its_order(client, buyer, pieces):
    order = place_order((pieces[0], 2), user=buyer, number="100001")
    client.force_login(buyer)

    response = client.get(_line_url(order, order.lines.get().pk))

    assert resolve(_line_url(order, 1)).func.view_class is order_views.OrderLineView
    assert response.status_code == 302
    assert response["Location"] == reverse("customer:order", kwargs={"order_number": "100001"})


def test_another_orders_line_or_another_buyers_order_is_not_found(client, buyer, pieces):
    mine = place_order((pieces[0], 1), user=buyer, number="100001")
    theirs = place_order((pieces[1], 1), user=UserFactory(), number="100002")
    client.force_login(buyer)
    their_line = theirs.lines.get().pk
    basket_lines_before = list(client.get(reverse("basket:summary")).context["basket"].all_lines())

    answers = [
        client.get(_line_url(mine, their_line)).status_code,
        client.get(_line_url(theirs, their_line)).status_code,
        client.post(_line_url(mine, their_line), {"action": "reorder"}).status_code,
        client.post(_line_url(theirs, their_line), {"action": "reorder"}).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert list(basket.all_lines()) == basket_lines_before == []


def test_ordering_a_line_again_puts_it_in_the_basket(client, buyer, pieces):
    order = place_order((pieces[0], 2), user=buyer, number="100001")
    client.force_login(buyer)

    response = client.post(_line_url(order, order.lines.get().pk), {"action": "reorder"})

    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [(line.product.title, line.quantity) for line in basket.all_lines()] == [
        ("Kain Sekar Jagad", 2)
    ]
