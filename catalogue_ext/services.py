"""Catalogue writes that touch more than one row: certificates and their verification."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.centres.models import Artisan
from marketplace.centres.roles import is_marketplace_admin, managed_centres
from marketplace.core.choices import Technique

from .models import Certificate, Product


def certificate_centre_ids(certificate: Certificate) -> set[int]:
    """The centres a certificate speaks for: its holder's and every covered piece's."""
    centre_ids = {certificate.artisan.centre_id}
    centre_ids.update(
        certificate.products.exclude(centre__isnull=True).values_list("centre_id", flat=True)
    )
    return centre_ids


def can_verify_certificate(user, certificate: Certificate) -> bool:
    """An administrator, or a manager of every centre the certificate speaks for.

    A manager vouches only for their own centre: a certificate whose holder or
    covered pieces belong to another centre needs that centre's manager (or an
    administrator) as well.
    """
    if not user.is_authenticated:
        return False
    if is_marketplace_admin(user):
        return True
    managed = set(managed_centres(user).values_list("pk", flat=True))
    return certificate_centre_ids(certificate) <= managed


@transaction.atomic
def record_certificate(
    *,
    artisan: Artisan,
    kind: str,
    number: str,
    issued_on: date,
    products: Iterable[Product] = (),
    technique: str = "",
    issuer: str = "",
    expires_on: date | None = None,
    tkdn_percent: Decimal | None = None,
    bmp_percent: Decimal | None = None,
) -> Certificate:
    """Record a certificate held by ``artisan`` covering some of their pieces (unverified)."""
    products = list(products)
    foreign = [p for p in products if p.artisan_id != artisan.pk]
    if foreign:
        raise ValidationError(_("A certificate covers only pieces made by its holder."))
    if kind == Certificate.Kind.BATIKMARK:
        wrong = [p for p in products if p.technique != technique]
        if wrong:
            raise ValidationError(
                _("Batikmark covers only pieces made with the certified technique (%(t)s).")
                % {"t": Technique(technique).label if technique else "-"}
            )
    certificate = Certificate(
        artisan=artisan,
        kind=kind,
        number=number.strip(),
        technique=technique,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
        tkdn_percent=tkdn_percent,
        bmp_percent=bmp_percent,
    )
    certificate.full_clean()
    certificate.save()
    certificate.products.set(products)
    return certificate


@transaction.atomic
def verify_certificate(*, certificate: Certificate, user) -> Certificate:
    """Mark ``certificate`` as checked by ``user``; refused unless they may vouch for it.

    Raises ``PermissionDenied`` for anybody but an administrator or a manager of the
    centre(s) the certificate speaks for, and ``ValidationError`` for an expired
    certificate. A refusal changes nothing.
    """
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("artisan")
        .get(pk=certificate.pk)
    )
    if not can_verify_certificate(user, certificate):
        raise PermissionDenied(_("Only a manager of this centre or an administrator may verify."))
    if certificate.is_expired_on(timezone.localdate()):
        raise ValidationError(_("This certificate has expired and cannot be verified."))
    certificate.verified_by = user
    certificate.verified_at = timezone.now()
    certificate.save(update_fields=["verified_by", "verified_at"])
    record_audit_event(
        actor=user,
        action=AuditEvent.Action.CERTIFICATE_VERIFIED,
        target=certificate,
        before={"verified": False},
        after={"verified": True, "kind": certificate.kind, "number": certificate.number},
        centre=certificate.artisan.centre_id,
    )
    return certificate
