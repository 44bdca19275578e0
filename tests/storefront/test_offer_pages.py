"""Oscar's offer and range pages (Oscar's views, products read in bulk by ours)."""

import pytest
from django.urls import resolve, reverse
from oscar.core.loading import get_model
from oscar.test.factories import (
    BenefitFactory,
    ConditionalOfferFactory,
    ConditionFactory,
    RangeFactory,
)

from marketplace.storefront import offer_views
from tests.factories import ProductFactory, kind_category

pytestmark = pytest.mark.django_db
ProductClass = get_model("catalogue", "ProductClass")


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


@pytest.fixture
def shelves():
    """Pieces of every kind a range can hold: by product, variant, class, category."""
    kemeja = kind_category("busana").add_child(name="Kemeja", slug="kemeja", is_public=True)
    shirt = ProductFactory(
        title="Kemeja batik", structure="parent", stock=False, category=kind_category("busana")
    )
    return {
        "cloth": ProductFactory(title="Kain Sekar Jagad"),
        "bag": ProductFactory(
            title="Tas Parang",
            product_class=ProductClass.objects.get(slug="tas"),
            category=kind_category("tas"),
        ),
        "shirt": shirt,
        "shirt_m": ProductFactory(
            parent=shirt, structure="child", title="", category=None, motif=None
        ),
        "blouse": ProductFactory(title="Blus Kawung", category=kemeja),
        "hidden": ProductFactory(title="Kain disimpan", is_public=False),
        "full_price": ProductFactory(title="Kain harga pas", is_discountable=False),
    }


def _range(name, *, products=(), **fields):
    offer_range = RangeFactory(name=name, products=list(products), **fields)
    return offer_range


RANGE_KINDS = {
    "products": lambda s: _range("products", products=[s["cloth"], s["hidden"]]),
    "a parent": lambda s: _range("a parent", products=[s["shirt"]]),
    "a class": lambda s: _with(_range("a class"), classes=[s["bag"].product_class]),
    "a category and below": lambda s: _with(
        _range("a category"), included_categories=[kind_category("busana")]
    ),
    "a category but one piece": lambda s: _with(
        _range("a category but one"),
        included_categories=[kind_category("busana")],
        excluded_products=[s["blouse"]],
    ),
    "a parent but one variant": lambda s: _with(
        _range("a parent but one variant", products=[s["shirt"]]),
        excluded_products=[s["shirt_m"]],
    ),
    "everything but a piece and a category": lambda s: _with(
        _range("everything but", includes_all_products=True),
        excluded_products=[s["cloth"]],
        excluded_categories=[kind_category("busana")],
    ),
    "everything": lambda s: _range("everything", includes_all_products=True),
    "nothing": lambda s: _range("nothing"),
}


def _with(offer_range, **relations):
    for name, objects in relations.items():
        getattr(offer_range, name).set(objects)
    return offer_range


@pytest.mark.parametrize("kind", sorted(RANGE_KINDS))
def test_range_members_are_the_products_oscar_puts_in_the_range(shelves, kind):
    offer_range = RANGE_KINDS[kind](shelves)

    ours = offer_views.range_members(offer_range)

    key_of = {product.pk: key for key, product in shelves.items()}
    assert sorted(key_of[p.pk] for p in ours) == sorted(
        key_of[p.pk] for p in offer_range.all_products()
    )


def test_the_offer_list_shows_what_oscar_would_for_every_kind_of_range(client, shelves):
    offers = [offer_on([], kind) for kind in sorted(RANGE_KINDS)]
    for offer, kind in zip(offers, sorted(RANGE_KINDS), strict=True):
        offer.condition.range = RANGE_KINDS[kind](shelves)
        offer.condition.save()
        offer.benefit.range = offer.condition.range
        offer.benefit.save()

    response = client.get(reverse("offer:list"))

    key_of = {product.pk: key for key, product in shelves.items()}
    shown = {o.name: [key_of[p.pk] for p in o.preview_products] for o in response.context["offers"]}
    oscar = {o.name: [key_of[p.pk] for p in o.products()[:12]] for o in offers}
    assert shown == oscar
    assert shown["everything"] == ["blouse", "bag", "cloth", "shirt"]
