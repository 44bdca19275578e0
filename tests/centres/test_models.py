"""Database rules on centres and artisans."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from marketplace.centres.models import Centre
from tests.factories import ArtisanFactory, CentreFactory

pytestmark = pytest.mark.django_db


def test_an_oscar_partner_belongs_to_at_most_one_artisan():
    first = ArtisanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArtisanFactory(partner=first.partner)


def test_centre_slugs_are_unique():
    CentreFactory(slug="maja-barama-wastra")
    with pytest.raises(IntegrityError), transaction.atomic():
        CentreFactory(slug="maja-barama-wastra")


@pytest.mark.parametrize(
    "fields",
    [{"latitude": Decimal("-90.5")}, {"longitude": Decimal("180.5")}, {"year_opened": 1800}],
)
def test_centre_coordinates_and_year_must_be_plausible(fields):
    centre = CentreFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.filter(pk=centre.pk).update(**fields)


def test_map_link_and_address_line_come_from_the_centre_fields():
    centre = CentreFactory.build(
        street_address="Jalan Kedungsari",
        village="Gunung Gedangan",
        district="Magersari",
        city="Kota Mojokerto",
        province="Jawa Timur",
        latitude=Decimal("-7.472200"),
        longitude=Decimal("112.433800"),
    )
    assert centre.address_line == (
        "Jalan Kedungsari, Gunung Gedangan, Magersari, Kota Mojokerto, Jawa Timur"
    )
    assert centre.map_url == (
        "https://www.openstreetmap.org/?mlat=-7.472200&mlon=112.433800#map=17/-7.472200/112.433800"
    )
