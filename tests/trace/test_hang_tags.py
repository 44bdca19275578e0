"""Hang-tag sheets: who may print which pieces, and what the A4 sheet holds."""

import pytest
from django.urls import reverse

from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres():
    home, other = CentreFactory(), CentreFactory()
    mine = ArtisanFactory(centre=home)
    neighbour = ArtisanFactory(centre=home)
    stranger = ArtisanFactory(centre=other)
    return {
        "home": home,
        "mine": mine,
        "my_products": ProductFactory.create_batch(3, artisan=mine),
        "neighbour_product": ProductFactory(artisan=neighbour),
        "stranger_product": ProductFactory(artisan=stranger),
    }


def _sheet(client, products):
    return client.get(reverse("trace:tags-print"), {"product": [p.pk for p in products]})


def test_anonymous_visitor_is_sent_to_log_in(client, two_centres):
    response = _sheet(client, two_centres["my_products"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_customer_without_a_role_is_refused(client, two_centres):
    client.force_login(UserFactory())
    assert client.get(reverse("trace:tags")).status_code == 403
    assert _sheet(client, two_centres["my_products"]).status_code == 403


def test_artisan_chooses_among_their_own_pieces_only(client, two_centres):
    client.force_login(artisan_user(two_centres["mine"]))
    response = client.get(reverse("trace:tags"))
    assert response.status_code == 200
    assert {p.pk for p in response.context["products"]} == {
        p.pk for p in two_centres["my_products"]
    }


def test_artisan_prints_a_sheet_for_their_pieces(client, two_centres):
    client.force_login(artisan_user(two_centres["mine"]))
    response = _sheet(client, two_centres["my_products"])
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<article class="tag"') == 3
    for product in two_centres["my_products"]:
        assert f'data-trace-code="{product.trace_code}"' in html
        assert f"http://testserver/t/{product.trace_code}/" in html
    assert html.count("<svg") == 3


def test_artisan_may_not_print_another_artisans_piece(client, two_centres):
    client.force_login(artisan_user(two_centres["mine"]))
    response = _sheet(client, [*two_centres["my_products"], two_centres["neighbour_product"]])
    assert response.status_code == 403
    assert b'class="tag"' not in response.content


def test_centre_manager_prints_every_piece_of_their_centre_and_no_other(client, two_centres):
    client.force_login(centre_manager(two_centres["home"]))
    response = client.get(reverse("trace:tags"))
    expected = {p.pk for p in two_centres["my_products"]} | {two_centres["neighbour_product"].pk}
    assert {p.pk for p in response.context["products"]} == expected
    assert _sheet(client, [two_centres["neighbour_product"]]).status_code == 200
    assert _sheet(client, [two_centres["stranger_product"]]).status_code == 403


def test_administrator_prints_any_piece(client, two_centres):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert _sheet(client, [two_centres["stranger_product"]]).status_code == 200


@pytest.mark.parametrize("count, pages", [(1, 1), (8, 1), (9, 2), (17, 3)])
def test_sheet_puts_eight_tags_on_each_a4_page(client, count, pages):
    artisan = ArtisanFactory()
    products = ProductFactory.create_batch(count, artisan=artisan)
    client.force_login(artisan_user(artisan))
    html = _sheet(client, products).content.decode()
    assert html.count('<section class="sheet"') == pages
    assert html.count('<article class="tag"') == count


@pytest.mark.parametrize("query", [{}, {"product": "abc"}, {"product": ["1"] * 0}])
def test_sheet_without_valid_choices_is_a_400(client, query):
    artisan = ArtisanFactory()
    client.force_login(artisan_user(artisan))
    assert client.get(reverse("trace:tags-print"), query).status_code == 400


def test_not_batik_is_printed_on_the_tag(client):
    artisan = ArtisanFactory()
    printed = ProductFactory(artisan=artisan, technique="printed")
    client.force_login(artisan_user(artisan))
    client.cookies["django_language"] = "en"
    html = _sheet(client, [printed]).content.decode()
    assert '<p class="tag-not-batik">Not batik</p>' in html


def test_selection_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    artisan = ArtisanFactory()
    ProductFactory.create_batch(2, artisan=artisan)
    client.force_login(artisan_user(artisan))
    client.get(reverse("trace:tags"))
    with django_assert_max_num_queries(17) as captured:
        client.get(reverse("trace:tags"))
    baseline = len(captured)
    ProductFactory.create_batch(20, artisan=artisan)
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("trace:tags"))
    assert len(response.context["products"]) == 22
