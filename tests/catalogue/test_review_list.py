"""A product's list of reviews (Oscar's view, read in bulk by ours)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import resolve, reverse
from oscar.core.loading import get_model

from catalogue_ext.views import ProductReviewList
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")
Vote = get_model("reviews", "Vote")


@pytest.fixture
def product():
    return ProductFactory(title="Kain Sekar Jagad")


def review_by(user, product, title):
    return ProductReview.objects.create(
        product=product, user=user, score=4, title=title, body="Halus", status=1
    )


def list_url(product):
    return reverse(
        "catalogue:reviews-list", kwargs={"product_slug": product.slug, "product_pk": product.pk}
    )


def test_oscars_name_leads_to_our_view(product):
    assert resolve(list_url(product)).func.view_class is ProductReviewList


def test_a_signed_in_viewer_may_vote_on_others_reviews_once_as_oscar_decides(client, product):
    viewer = UserFactory()
    review_by(viewer, product, "Milik saya")
    voted = review_by(UserFactory(), product, "Sudah dipilih")
    Vote.objects.create(review=voted, user=viewer, delta=Vote.UP)
    review_by(UserFactory(), product, "Belum dipilih")
    client.force_login(viewer)

    reviews = client.get(list_url(product)).context["reviews"]

    ours = {review.title: review.can_user_vote(viewer)[0] for review in reviews}
    oscars = {
        review.title: review.can_user_vote(viewer)[0]
        for review in ProductReview.objects.filter(product=product)
    }
    expected = {"Milik saya": False, "Sudah dipilih": False, "Belum dipilih": True}
    assert (ours, oscars) == (expected, expected)


def test_a_visitor_may_not_vote(client, product):
    review_by(UserFactory(), product, "Bagus")

    reviews = client.get(list_url(product)).context["reviews"]

    assert [review.can_user_vote(AnonymousUser())[0] for review in reviews] == [False]
