"""The centre manager's review pages: their centres' pending products, and nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core.choices import Technique
from marketplace.listings.models import ProductListing
from marketplace.listings.services import (
    change_provenance,
    start_listing,
    submit_product_for_review,
)
from tests.factories import ArtisanFactory, CentreFactory, ProductFactory, UserFactory, artisan_user

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


@pytest.fixture
def manager(centre):
    user = UserFactory(first_name="Bu", last_name="Pengelola")
    centre.managers.add(user)
    return user


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def pending_product(artisan, title="Kain Baru"):
    product = ProductFactory(title=title, artisan=artisan, is_public=False)
    start_listing(product=product)
    submit_product_for_review(product=product, actor=artisan_user(artisan))
    return product


def test_a_manager_sees_pending_products_of_their_centres_only(manager_client, artisan):
    mine = pending_product(artisan, "Kain Sentra Saya")
    pending_product(ArtisanFactory(centre=CentreFactory()), "Kain Sentra Lain")
    ProductFactory(artisan=artisan, title="Sudah Tayang")
    response = manager_client.get(reverse("dashboard:listing-review-list"))
    assert response.status_code == 200
    assert [listing.product_id for listing in response.context["listings"]] == [mine.pk]
    assert b"Kain Sentra Lain" not in response.content


def test_a_provenance_change_shows_what_changes(manager_client, artisan):
    live = ProductFactory(title="Tas Tayang", artisan=artisan, technique=Technique.CAP)
    change_provenance(
        product=live, provenance={"technique": Technique.TULIS}, actor=artisan_user(artisan)
    )
    response = manager_client.get(reverse("dashboard:listing-review-list"))
    ((listing, changes),) = response.context["rows"]
    assert [(c.label, c.current, c.proposed) for c in changes] == [
        ("technique", "Batik cap (stamped)", "Batik tulis (hand-drawn)")
    ]


def test_approving_from_the_review_page_makes_the_product_public(manager_client, artisan):
    product = pending_product(artisan)
    detail = manager_client.get(
        reverse("dashboard:listing-review-detail", kwargs={"pk": product.pk})
    )
    assert detail.status_code == 200
    response = manager_client.post(
        reverse("dashboard:listing-review-approve", kwargs={"pk": product.pk}),
        {"approve-note": "Sesuai"},
    )
    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).is_public is True
    assert ProductListing.objects.get(product=product).note == "Sesuai"


def test_rejecting_needs_a_note(manager_client, artisan):
    product = pending_product(artisan)
    url = reverse("dashboard:listing-review-reject", kwargs={"pk": product.pk})
    manager_client.post(url, {"reject-note": ""})
    assert ProductListing.objects.get(product=product).state == "pending"
    manager_client.post(url, {"reject-note": "Foto buram"})
    listing = ProductListing.objects.get(product=product)
    assert (listing.state, listing.note) == ("rejected", "Foto buram")
    assert Product.objects.get(pk=product.pk).is_public is False


def test_another_centres_manager_cannot_review_and_nothing_changes(client, artisan):
    product = pending_product(artisan)
    stranger = UserFactory()
    CentreFactory().managers.add(stranger)
    client.force_login(stranger)
    for name, data in (
        ("listing-review-detail", None),
        ("listing-review-approve", {"approve-note": ""}),
        ("listing-review-reject", {"reject-note": "tidak"}),
    ):
        url = reverse(f"dashboard:{name}", kwargs={"pk": product.pk})
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 404
    assert Product.objects.get(pk=product.pk).is_public is False
    assert ProductListing.objects.get(product=product).state == "pending"


@pytest.mark.parametrize("who", ["artisan", "customer"])
def test_artisans_and_customers_cannot_review(client, artisan, who):
    product = pending_product(artisan)
    user = artisan_user(artisan) if who == "artisan" else UserFactory()
    client.force_login(user)
    assert client.get(reverse("dashboard:listing-review-list")).status_code == 403
    response = client.post(
        reverse("dashboard:listing-review-approve", kwargs={"pk": product.pk}), {}
    )
    assert response.status_code == 403
    assert Product.objects.get(pk=product.pk).is_public is False


def test_the_review_list_makes_the_same_queries_for_more_products(
    manager_client, artisan, django_assert_max_num_queries
):
    url = reverse("dashboard:listing-review-list")
    counts = []
    for _round in range(2):
        for _ in range(3):
            live = ProductFactory(artisan=artisan)
            change_provenance(
                product=live, provenance={"technique": "cap"}, actor=artisan_user(artisan)
            )
            pending_product(artisan)
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(13):
        manager_client.get(url)
