"""The faceted catalogue on known data: exact product sets, counts, sorting, URLs."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from catalogue_ext.facets import CatalogueFilters
from tests.factories import ProductFactory, kind_category
from tests.known_catalogue import build_known_catalogue

pytestmark = pytest.mark.django_db

TULIS_ALAM_MOJOKERTO = "technique=tulis&dye=alam&centre=maja-barama-wastra"


@pytest.fixture
def known():
    return build_known_catalogue()


def _keys(known, response) -> set[str]:
    by_pk = {product.pk: key for key, product in known["products"].items()}
    return {by_pk[product.pk] for product in response.context["products"]}


def _ordered_keys(known, response) -> list[str]:
    by_pk = {product.pk: key for key, product in known["products"].items()}
    return [by_pk[product.pk] for product in response.context["products"]]


def _facet(response, name):
    return next(f for f in response.context["facets"]["list"] if f.name == name)


def _counts(response, name) -> dict:
    return {option.value: option.count for option in _facet(response, name).options}


@pytest.mark.parametrize("language", ["id", "en"])
def test_batik_tulis_natural_dye_from_mojokerto_is_exactly_the_right_pieces(
    client, known, language
):
    client.cookies["django_language"] = language
    response = client.get(f"{reverse('catalogue:index')}?{TULIS_ALAM_MOJOKERTO}")
    assert response.status_code == 200
    assert _keys(known, response) == {"surya_tulis", "mrico_selendang"}
    assert response.context["paginator"].count == 2


def test_facet_labels_follow_the_language(client, known):
    url = f"{reverse('catalogue:index')}?{TULIS_ALAM_MOJOKERTO}"
    client.cookies["django_language"] = "en"
    english = client.get(url)
    client.cookies["django_language"] = "id"
    indonesian = client.get(url)
    dye_en = {o.value: o.label for o in _facet(english, "dye").options}
    dye_id = {o.value: o.label for o in _facet(indonesian, "dye").options}
    assert dye_en["alam"] == "Natural dye (pewarna alam)"
    assert dye_id["alam"] == "Pewarna alam"
    categories_en = {o.value: o.label for o in _facet(english, "category").options}
    categories_id = {o.value: o.label for o in _facet(indonesian, "category").options}
    assert categories_en == {
        "kain-batik": "Batik cloth",
        "busana": "Clothing",
        "tas": "Bags",
        "sepatu": "Shoes",
        "dekorasi-rumah": "Home decor",
    }
    assert categories_id["dekorasi-rumah"] == "Dekorasi Rumah"
    assert "Natural dye (pewarna alam)" in english.content.decode()
    assert "Jelajahi toko" in indonesian.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "technique=tulis",
            {"surya_tulis", "mrico_selendang", "mrico_tas", "parang_tulis", "gentongan"},
        ),
        (
            "technique=tulis&technique=cap",
            {
                "surya_tulis",
                "mrico_selendang",
                "surya_cap",
                "mrico_tas",
                "parang_tulis",
                "parang_cap",
                "gentongan",
            },
        ),
        ("province=Jawa+Timur&dye=sintetis", {"mrico_tas", "printed_shoes"}),
        ("province=Jawa+Tengah", {"parang_tulis", "parang_cap"}),
        ("category=kain-batik&price_max=1000000", {"surya_cap", "parang_cap"}),
        ("price_min=500000&price_max=2000000", {"surya_tulis", "mrico_selendang", "parang_tulis"}),
        (
            "in_stock=1&centre=maja-barama-wastra",
            {"surya_tulis", "surya_cap", "mrico_tas", "ecoprint"},
        ),
        ("motif=surya-majapahit", {"surya_tulis", "surya_cap"}),
        (
            "motif=surya-majapahit&motif=gentongan&dye=alam",
            {"surya_tulis", "surya_cap", "gentongan"},
        ),
        ("category=tas&category=sepatu", {"mrico_tas", "printed_shoes"}),
        ("q=Mojokerto&technique=cap", {"surya_cap"}),
        ("q=Sulastri", {"parang_tulis", "parang_cap"}),
        ("q=Mrico&category=busana", {"mrico_selendang"}),
        (
            "centre=kampung-batik-laweyan&centre=sentra-batik-tanjung-bumi&technique=tulis",
            {"parang_tulis", "gentongan"},
        ),
        ("technique=kombinasi", set()),
    ],
)
def test_filters_combine_to_exact_product_sets(client, known, query, expected):
    response = client.get(f"{reverse('catalogue:index')}?{query}")
    assert _keys(known, response) == expected


def test_hidden_products_never_show_whatever_the_filters(client, known):
    response = client.get(
        f"{reverse('catalogue:index')}?{TULIS_ALAM_MOJOKERTO}&motif=surya-majapahit"
    )
    assert _keys(known, response) == {"surya_tulis"}


def test_facet_counts_apply_every_other_filter(client, known):
    response = client.get(f"{reverse('catalogue:index')}?{TULIS_ALAM_MOJOKERTO}")
    # Technique counts keep the dye and centre filters but not the technique one.
    assert _counts(response, "technique") == {
        "tulis": 2,
        "cap": 1,
        "kombinasi": 0,
        "printed": 0,
        "ecoprint": 1,
    }
    assert _counts(response, "dye") == {"alam": 2, "sintetis": 1, "campuran": 0}
    assert _counts(response, "centre") == {
        "maja-barama-wastra": 2,
        "kampung-batik-laweyan": 1,
        "sentra-batik-tanjung-bumi": 1,
    }
    assert _counts(response, "province") == {"Jawa Timur": 2}
    assert _counts(response, "motif") == {"surya-majapahit": 1, "mrico-bolong": 1}
    assert _counts(response, "category") == {
        "kain-batik": 1,
        "busana": 1,
        "tas": 0,
        "sepatu": 0,
        "dekorasi-rumah": 0,
    }
    assert response.context["facets"]["in_stock"].count == 1
    selected = {
        o.value for f in response.context["facets"]["list"] for o in f.options if o.selected
    }
    assert selected == {"tulis", "alam", "maja-barama-wastra"}


def test_unfiltered_counts_cover_the_whole_public_catalogue(client, known):
    response = client.get(reverse("catalogue:index"))
    assert response.context["paginator"].count == 9
    assert _counts(response, "province") == {"Jawa Timur": 7, "Jawa Tengah": 2}
    assert response.context["facets"]["in_stock"].count == 8
    assert response.context["facets"]["price_low"] == 200_000
    assert response.context["facets"]["price_high"] == 3_000_000


def test_facet_links_toggle_one_value_and_keep_the_others(client, known):
    response = client.get(f"{reverse('catalogue:index')}?technique=tulis&dye=alam&page=1")
    technique = {o.value: o.querystring for o in _facet(response, "technique").options}
    assert technique["tulis"] == "?dye=alam"
    assert technique["cap"] == "?technique=tulis&technique=cap&dye=alam"
    centre = {o.value: o.querystring for o in _facet(response, "centre").options}
    assert centre["maja-barama-wastra"] == "?technique=tulis&dye=alam&centre=maja-barama-wastra"


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "price",
            [
                "printed_shoes",
                "parang_cap",
                "ecoprint",
                "surya_cap",
                "mrico_tas",
                "mrico_selendang",
                "surya_tulis",
                "parang_tulis",
                "gentongan",
            ],
        ),
        (
            "-price",
            [
                "gentongan",
                "parang_tulis",
                "surya_tulis",
                "mrico_selendang",
                "mrico_tas",
                "surya_cap",
                "ecoprint",
                "parang_cap",
                "printed_shoes",
            ],
        ),
        (
            "newest",
            [
                "printed_shoes",
                "gentongan",
                "parang_cap",
                "parang_tulis",
                "ecoprint",
                "mrico_tas",
                "surya_cap",
                "mrico_selendang",
                "surya_tulis",
            ],
        ),
    ],
)
def test_sorting_by_price_or_newest(client, known, sort, expected):
    response = client.get(f"{reverse('catalogue:index')}?sort={sort}")
    assert _ordered_keys(known, response) == expected


def test_category_page_is_the_catalogue_with_that_category_chosen(client, known):
    response = client.get(kind_category("kain-batik").get_absolute_url() + "?technique=tulis")
    assert _keys(known, response) == {"surya_tulis", "parang_tulis", "gentongan"}
    assert response.context["facet_base_url"] == reverse("catalogue:index")
    technique = {o.value: o.querystring for o in _facet(response, "technique").options}
    assert technique["cap"] == "?category=kain-batik&technique=tulis&technique=cap"


def test_search_page_combines_text_and_facets(client, known):
    response = client.get(reverse("search:search"), {"q": "Surya", "technique": "cap"})
    assert _keys(known, response) == {"surya_cap"}


def test_unknown_filter_values_are_ignored_not_errors():
    filters = CatalogueFilters.from_query(
        QueryDict(
            "technique=tulis&technique=silk&dye=blue&province=Atlantis&price_min=abc"
            "&price_max=-5&sort=random&in_stock=maybe"
        )
    )
    assert filters == CatalogueFilters(technique=("tulis",))


def test_prices_accept_indonesian_thousand_separators():
    filters = CatalogueFilters.from_query(QueryDict("price_min=150.000&price_max=2.500.000"))
    assert (filters.price_min, filters.price_max) == (150_000, 2_500_000)


def test_filters_round_trip_through_the_url():
    query = (
        "q=kawung&category=tas&technique=tulis&technique=cap&dye=alam&centre=x"
        "&province=Bali&motif=m&price_min=1000&price_max=2000&in_stock=1&sort=-price"
    )
    filters = CatalogueFilters.from_query(QueryDict(query))
    assert CatalogueFilters.from_query(QueryDict(filters.querystring()[1:])) == filters


def test_a_product_in_two_categories_is_listed_once(client, known):
    from oscar.core.loading import get_model

    product = known["products"]["mrico_tas"]
    get_model("catalogue", "ProductCategory").objects.create(
        product=product, category=kind_category("busana")
    )
    response = client.get(f"{reverse('catalogue:index')}?category=tas&category=busana")
    assert _keys(known, response) == {"mrico_tas", "mrico_selendang", "ecoprint"}
    assert response.context["paginator"].count == 3


def test_price_of_a_parent_product_is_its_cheapest_variant(client, known):
    parent = ProductFactory(title="Kemeja batik", structure="parent", stock=False, technique="cap")
    ProductFactory(
        parent=parent,
        structure="child",
        title="",
        artisan=parent.artisan,
        category=None,
        motif=None,
        stock__price=90_000,
        technique="",
    )
    response = client.get(f"{reverse('catalogue:index')}?price_max=100000")
    assert [p.pk for p in response.context["products"]] == [parent.pk]
