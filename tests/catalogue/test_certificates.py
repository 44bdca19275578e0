"""Batikmark and TKDN certificates: rules, verification by role, the domestic badge."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from catalogue_ext.models import Certificate
from catalogue_ext.services import record_certificate, verify_certificate
from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    CertificateFactory,
    ProductFactory,
    UserFactory,
    artisan_user,
    centre_manager,
)

pytestmark = pytest.mark.django_db


def _verified(**kwargs) -> Certificate:
    certificate = CertificateFactory(**kwargs)
    Certificate.objects.filter(pk=certificate.pk).update(verified_at=timezone.now())
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(
    ("tkdn", "bmp", "expected"),
    [
        (Decimal("25.00"), Decimal("15.00"), True),
        (Decimal("25.00"), Decimal("14.99"), False),
        (Decimal("24.99"), Decimal("40.00"), False),
        (Decimal("40.00"), None, True),
    ],
)
def test_domestic_badge_is_computed_from_a_verified_tkdn_certificate(tkdn, bmp, expected):
    product = ProductFactory()
    _verified(artisan=product.artisan, products=[product], tkdn_percent=tkdn, bmp_percent=bmp)
    assert product.is_domestic_product is expected


def test_unverified_tkdn_certificate_does_not_make_a_domestic_product():
    product = ProductFactory()
    CertificateFactory(artisan=product.artisan, products=[product], tkdn_percent=Decimal("90"))
    assert product.is_domestic_product is False


def test_expired_certificate_no_longer_counts():
    product = ProductFactory()
    yesterday = timezone.localdate() - timedelta(days=1)
    _verified(
        artisan=product.artisan,
        products=[product],
        issued_on=date(2020, 1, 1),
        expires_on=yesterday,
        tkdn_percent=Decimal("90"),
    )
    assert product.is_domestic_product is False
    assert product.certificates.get().status == Certificate.Status.EXPIRED


def test_newest_verified_certificate_decides_the_badge():
    product = ProductFactory()
    _verified(
        artisan=product.artisan,
        products=[product],
        issued_on=date(2023, 1, 1),
        tkdn_percent=Decimal("60"),
    )
    _verified(
        artisan=product.artisan,
        products=[product],
        issued_on=date(2025, 1, 1),
        tkdn_percent=Decimal("20"),
    )
    assert product.verified_tkdn_certificate.issued_on == date(2025, 1, 1)
    assert product.is_domestic_product is False


def test_manager_of_the_centre_verifies_a_certificate():
    product = ProductFactory()
    certificate = CertificateFactory(artisan=product.artisan, products=[product])
    manager = centre_manager(product.centre)

    verify_certificate(certificate=certificate, user=manager)

    certificate.refresh_from_db()
    assert certificate.verified_by == manager
    assert certificate.verified_at is not None
    assert certificate.status == Certificate.Status.VERIFIED
    assert product.is_domestic_product is True


def test_administrator_verifies_any_certificate():
    certificate = CertificateFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    verify_certificate(certificate=certificate, user=admin)
    certificate.refresh_from_db()
    assert certificate.verified_by == admin


def _refused(certificate, user, error=PermissionDenied):
    with pytest.raises(error):
        verify_certificate(certificate=certificate, user=user)
    certificate.refresh_from_db()
    assert certificate.verified_by is None
    assert certificate.verified_at is None


def test_manager_of_another_centre_may_not_verify():
    certificate = CertificateFactory()
    _refused(certificate, centre_manager(CentreFactory()))


def test_the_holder_may_not_verify_their_own_certificate():
    artisan = ArtisanFactory()
    certificate = CertificateFactory(artisan=artisan)
    _refused(certificate, artisan_user(artisan))


def test_plain_staff_without_permission_may_not_verify():
    _refused(CertificateFactory(), UserFactory(is_staff=True))


def test_manager_must_manage_every_centre_the_certificate_speaks_for():
    home = CentreFactory()
    artisan = ArtisanFactory(centre=home)
    old_piece = ProductFactory(artisan=artisan)
    artisan.centre = CentreFactory()  # the artisan moved; the piece stays from ``home``
    artisan.save()
    certificate = CertificateFactory(artisan=artisan, products=[old_piece])
    _refused(certificate, centre_manager(artisan.centre))


def test_expired_certificate_cannot_be_verified():
    product = ProductFactory()
    certificate = CertificateFactory(
        artisan=product.artisan,
        issued_on=date(2020, 1, 1),
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    _refused(certificate, centre_manager(product.centre), ValidationError)


def test_batikmark_must_certify_a_batik_technique():
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(kind="batikmark", technique="printed", tkdn_percent=None)


def test_tkdn_certificate_must_state_its_percentage():
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(kind="tkdn", tkdn_percent=None)


def test_certificate_numbers_are_unique_per_kind():
    CertificateFactory(number="BM-001", kind="batikmark", technique="tulis")
    CertificateFactory(number="BM-001", kind="tkdn")
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(number="BM-001", kind="batikmark", technique="cap")


def test_expiry_before_issue_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(issued_on=date(2025, 1, 2), expires_on=date(2025, 1, 1))


def test_record_certificate_covers_only_the_holders_pieces():
    artisan = ArtisanFactory()
    foreign = ProductFactory()
    with pytest.raises(ValidationError):
        record_certificate(
            artisan=artisan,
            kind="tkdn",
            number="T-1",
            issued_on=date(2025, 1, 1),
            tkdn_percent=Decimal("50"),
            products=[foreign],
        )
    assert not Certificate.objects.exists()


def test_batikmark_covers_only_pieces_of_the_certified_technique():
    artisan = ArtisanFactory()
    cap_piece = ProductFactory(artisan=artisan, technique="cap")
    with pytest.raises(ValidationError):
        record_certificate(
            artisan=artisan,
            kind="batikmark",
            number="BM-9",
            technique="tulis",
            issued_on=date(2025, 1, 1),
            products=[cap_piece],
        )
    assert not Certificate.objects.exists()


def test_record_certificate_links_the_pieces_unverified():
    artisan = ArtisanFactory()
    piece = ProductFactory(artisan=artisan, technique="tulis")
    certificate = record_certificate(
        artisan=artisan,
        kind="batikmark",
        number=" BM-10 ",
        technique="tulis",
        issuer="BBSPJIKB Yogyakarta",
        issued_on=date(2025, 1, 1),
        products=[piece],
    )
    assert certificate.number == "BM-10"
    assert list(certificate.products.all()) == [piece]
    assert certificate.status == Certificate.Status.UNVERIFIED
    assert certificate.batikmark_colour == "emas"  # Indonesian is the default language
    with translation.override("en"):
        assert certificate.batikmark_colour == "gold"


def test_declared_batikmark_number_is_hidden_once_a_certificate_records_it():
    product = ProductFactory(batikmark_number="BM-77")
    assert product.declared_batikmark_number == "BM-77"
    CertificateFactory(
        kind="batikmark",
        technique="tulis",
        number="BM-77",
        tkdn_percent=None,
        artisan=product.artisan,
        products=[product],
    )
    product = type(product).objects.get(pk=product.pk)
    assert product.declared_batikmark_number == ""
