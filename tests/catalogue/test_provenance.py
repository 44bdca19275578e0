"""Provenance rules on Product, enforced by the database and by the model."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from catalogue_ext.models import TRACE_CODE_ALPHABET, TRACE_CODE_LENGTH
from marketplace.core.choices import Technique
from tests.factories import ArtisanFactory, CentreFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_public_product_without_artisan_is_refused_by_the_database():
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(product).objects.filter(pk=product.pk).update(artisan=None, centre=None)
    product.refresh_from_db()
    assert product.artisan_id is not None


def test_hidden_product_may_wait_for_its_artisan():
    product = ProductFactory(is_public=False, artisan=None, stock=False, category=None)
    assert product.artisan_id is None
    assert product.centre_id is None


@pytest.mark.parametrize("field", ["tkdn_percent", "bmp_percent"])
@pytest.mark.parametrize("value", [Decimal("-0.01"), Decimal("100.01")])
def test_percentages_outside_0_to_100_are_refused(field, value):
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(product).objects.filter(pk=product.pk).update(**{field: value})


def test_gross_weight_below_net_weight_is_refused():
    product = ProductFactory(net_weight_grams=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(product).objects.filter(pk=product.pk).update(gross_weight_grams=499)


def test_centre_is_taken_from_artisan_and_survives_the_artisan_moving():
    mojokerto = CentreFactory(name="Maja Barama Wastra")
    solo = CentreFactory(name="Laweyan")
    artisan = ArtisanFactory(centre=mojokerto)
    product = ProductFactory(artisan=artisan)

    artisan.centre = solo
    artisan.save()
    product.refresh_from_db()

    assert product.centre == mojokerto


def test_trace_codes_are_unguessable_and_distinct():
    codes = [ProductFactory().trace_code for _ in range(20)]
    assert len(set(codes)) == 20
    for code in codes:
        assert len(code) == TRACE_CODE_LENGTH
        assert set(code) <= set(TRACE_CODE_ALPHABET)


@pytest.mark.parametrize(
    ("technique", "is_batik", "sni"),
    [
        (Technique.TULIS, True, "SNI 8302"),
        (Technique.CAP, True, "SNI 8303"),
        (Technique.KOMBINASI, True, "SNI 8304"),
        (Technique.PRINTED, False, ""),
        (Technique.ECOPRINT, False, ""),
    ],
)
def test_only_tulis_cap_and_kombinasi_are_batik(technique, is_batik, sni):
    product = ProductFactory.build(technique=technique)
    assert product.is_batik is is_batik
    assert product.is_labelled_not_batik is (not is_batik)
    assert product.technique_sni == sni


def test_sellers_own_tkdn_figure_does_not_make_a_domestic_product():
    # Only a verified TKDN certificate counts (tests/catalogue/test_certificates.py).
    product = ProductFactory(tkdn_percent=Decimal("80.00"), bmp_percent=Decimal("10.00"))
    assert product.is_domestic_product is False
    assert product.declared_tkdn_percent == Decimal("80.00")
