"""Oscar's offer and range pages (Oscar's views, products read in bulk by ours)."""

import pytest
from django.urls import resolve, reverse
from oscar.test.factories import (
    BenefitFactory,
    ConditionalOfferFactory,
    ConditionFactory,
    RangeFactory,
)

from marketplace.storefront import offer_views
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kwargs", "view"),
    [
        ("offer:list", {}, offer_views.OfferListView),
        ("offer:detail", {"slug": "diskon"}, offer_views.OfferDetailView),
        ("catalogue:range", {"slug": "koleksi"}, offer_views.RangeDetailView),
    ],
)
def test_oscars_names_lead_to_our_views(name, kwargs, view):
    assert resolve(reverse(name, kwargs=kwargs)).func.view_class is view


def offer_on(products, name):
    offer_range = RangeFactory(products=products)
    return ConditionalOfferFactory(
        name=name,
        condition=ConditionFactory(range=offer_range),
        benefit=BenefitFactory(range=offer_range),
    )


def test_each_offer_shows_its_first_twelve_products_as_oscar_orders_them(client):
    many = offer_on([ProductFactory() for _ in range(13)], "Diskon besar")
    private = ProductFactory(is_public=False)
    few = offer_on([ProductFactory(title="Tas Parang"), private], "Diskon kecil")

    response = client.get(reverse("offer:list"))

    offers = response.context["offers"]
    assert reverse("offer:detail", kwargs={"slug": many.slug}) in response.content.decode()
    assert {offer.name: offer.preview_products for offer in offers} == {
        "Diskon besar": list(many.products()[:12]),
        "Diskon kecil": list(few.products()),
    }
    assert [len(offer.preview_products) for offer in offers] == [12, 1]


def test_an_offer_without_a_range_lists_no_products(client):
    offer = ConditionalOfferFactory(name="Ongkir gratis", condition=ConditionFactory(range=None))

    response = client.get(reverse("offer:list"))

    assert [(o.name, o.preview_products) for o in response.context["offers"]] == [
        ("Ongkir gratis", [])
    ]
    assert reverse("offer:detail", kwargs={"slug": offer.slug}) not in response.content.decode()
