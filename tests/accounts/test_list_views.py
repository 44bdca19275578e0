"""The address book and wish lists (Oscar's views, read in bulk by ours)."""

import pytest
from django.urls import resolve, reverse
from oscar.core.loading import get_model

from marketplace.accounts import list_views
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
WishList = get_model("wishlists", "WishList")


@pytest.mark.parametrize(
    ("name", "kwargs", "view"),
    [
        ("customer:address-list", {}, list_views.AddressListView),
        ("customer:wishlists-list", {}, list_views.WishListListView),
        ("customer:wishlists-detail", {"key": "ab12cd"}, list_views.WishListDetailView),
        ("wishlists:detail", {"key": "ab12cd"}, list_views.SharedWishListView),
    ],
)
def test_oscars_names_lead_to_our_views(name, kwargs, view):
    assert resolve(reverse(name, kwargs=kwargs)).func.view_class is view


def test_a_new_wish_list_is_still_oscars_form(client):
    client.force_login(UserFactory())

    response = client.get(reverse("customer:wishlists-create"))

    assert (response.status_code, response.resolver_match.url_name) == (200, "wishlists-create")


def test_the_wish_list_page_shows_each_line_with_its_product(client):
    owner = UserFactory()
    wishlist = WishList.objects.create(owner=owner, name="Untuk Lebaran")
    first, second = ProductFactory(title="Kain Sekar Jagad"), ProductFactory(title="Tas Parang")
    wishlist.add(first)
    wishlist.add(second)
    wishlist.add(first)
    client.force_login(owner)

    response = client.get(reverse("customer:wishlists-detail", kwargs={"key": wishlist.key}))

    assert [
        (form.instance.product.title, form.instance.quantity) for form in response.context["form"]
    ] == [("Kain Sekar Jagad", 2), ("Tas Parang", 1)]


def test_another_buyers_wish_list_is_not_found(client):
    wishlist = WishList.objects.create(owner=UserFactory(), name="Rahasia")
    client.force_login(UserFactory())

    response = client.get(reverse("customer:wishlists-detail", kwargs={"key": wishlist.key}))

    assert response.status_code == 404
