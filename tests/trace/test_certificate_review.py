"""Centre managers verify their centres' certificates; nobody else can."""

import pytest
from django.urls import reverse

from tests.factories import (
    CentreFactory,
    CertificateFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    product = ProductFactory()
    return CertificateFactory(number="TKDN-42", artisan=product.artisan, products=[product])


def _verify(client, certificate):
    return client.post(reverse("trace:certificate-verify", kwargs={"pk": certificate.pk}))


def test_manager_sees_and_verifies_their_centres_certificate(client, certificate):
    CertificateFactory(number="ELSEWHERE-1")
    client.force_login(centre_manager(certificate.artisan.centre))
    listed = client.get(reverse("trace:certificates"))
    assert [c.number for c in listed.context["certificates"]] == ["TKDN-42"]

    response = _verify(client, certificate)

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.verified_at is not None
    assert certificate.products.get().is_domestic_product is True


@pytest.mark.parametrize("who", ["other_manager", "holder", "customer"])
def test_others_are_refused_and_nothing_changes(client, certificate, who):
    user = {
        "other_manager": lambda: centre_manager(CentreFactory()),
        "holder": lambda: artisan_user(certificate.artisan),
        "customer": lambda: UserFactory(),
    }[who]()
    client.force_login(user)
    assert _verify(client, certificate).status_code == 403
    certificate.refresh_from_db()
    assert (certificate.verified_at, certificate.verified_by) == (None, None)


def test_anonymous_visitor_is_sent_to_log_in(client, certificate):
    response = _verify(client, certificate)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    certificate.refresh_from_db()
    assert certificate.verified_at is None
