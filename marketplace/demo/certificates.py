"""Demo certificates: Batikmark and TKDN records for some demo pieces, most of them verified.

Without certificates the demo never shows the "Buatan Indonesia" badge and the centre
managers have nothing to verify. Certificates go through the services staff use
(``record_certificate``, then ``verify_certificate`` by the centre's demo manager), so
the demo's audit trail holds the verifications too.

- Batikmark: one per artisan and certified technique, for the pieces whose declared
  ``batikmark_number`` (``DEMO-BM-0001-T``) names it; issued by BBSPJIKB Yogyakarta.
- TKDN: one self-assessed TKDN IK certificate for every second artisan, covering
  their pieces that declare a TKDN %; it states the lowest TKDN (and BMP) those pieces
  declare, so it never claims more than the seller did.
- No expiry: the validity period of either certificate is not confirmed.

Of the certificates a run records, the first one of each centre (by number) is left
unverified for its manager's task hub; the others are verified. Idempotent: a
certificate is found by kind and number and never changed, so a second run records
and verifies nothing.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractUser
from oscar.core.loading import get_model

from catalogue_ext.services import record_certificate, verify_certificate
from marketplace.centres.models import Artisan

from . import plans
from .plans import ArtisanRef

Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")

BATIKMARK_ISSUER = "BBSPJIKB Yogyakarta"
TKDN_ISSUER = "Kementerian Perindustrian (SIINas, TKDN IK)"
DEMO_NUMBER_PREFIX = "DEMO-"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CertificateCounts:
    total: int
    created: int
    verified: int


def tkdn_number(position: int) -> str:
    return f"{DEMO_NUMBER_PREFIX}TKDN-{position:04d}"


def ensure_certificates(
    *, artisans: Sequence[ArtisanRef], managers: dict[int, AbstractUser], report: Progress
) -> CertificateCounts:
    """Record the demo certificates that are missing and verify all but one per centre.

    ``artisans`` in spec order (their position numbers the TKDN certificates);
    ``managers`` maps a centre id to the demo manager who verifies for it.
    """
    existing = set(
        Certificate.objects.filter(number__startswith=DEMO_NUMBER_PREFIX).values_list(
            "kind", "number"
        )
    )
    pieces = defaultdict(list)
    for product in (
        Product.objects.filter(code__startswith=plans.DEMO_CODE_PREFIX)
        .only("id", "artisan_id", "technique", "batikmark_number", "tkdn_percent", "bmp_percent")
        .order_by("code")
    ):
        pieces[product.artisan_id].append(product)
    holders = Artisan.objects.in_bulk([ref.id for ref in artisans])

    created = []
    for position, ref in enumerate(artisans, start=1):
        holder = holders[ref.id]
        for certificate in _certificates_for(position, holder, pieces[ref.id], existing):
            created.append((holder.centre_id, certificate))

    by_centre = defaultdict(list)
    for centre_id, certificate in created:
        by_centre[centre_id].append(certificate)
    verified = 0
    for centre_id, certificates in by_centre.items():
        # The first one waits for its manager, so the task hub has something to do.
        for certificate in sorted(certificates, key=lambda c: c.number)[1:]:
            verify_certificate(certificate=certificate, user=managers[centre_id])
            verified += 1

    demo = Certificate.objects.filter(number__startswith=DEMO_NUMBER_PREFIX)
    counts = CertificateCounts(
        total=demo.count(),
        created=len(created),
        verified=demo.filter(verified_at__isnull=False).count(),
    )
    report(
        f"certificates {counts.total} ({counts.created} new, {verified} verified now; "
        f"{counts.total - counts.verified} awaiting verification)"
    )
    return counts


def _certificates_for(
    position: int, artisan: Artisan, pieces: list, existing: set[tuple[str, str]]
) -> list:
    """Record the missing certificates of one artisan; return the new ones."""
    new = []
    by_number = defaultdict(list)
    for piece in pieces:
        if piece.batikmark_number:
            by_number[piece.batikmark_number].append(piece)
    for number, covered in sorted(by_number.items()):
        if (Certificate.Kind.BATIKMARK, number) in existing:
            continue
        new.append(
            record_certificate(
                artisan=artisan,
                kind=Certificate.Kind.BATIKMARK,
                number=number,
                technique=covered[0].technique,
                issuer=BATIKMARK_ISSUER,
                issued_on=date(2024, 1 + position % 12, 15),
                products=covered,
            )
        )

    declared = [piece for piece in pieces if piece.tkdn_percent is not None]
    number = tkdn_number(position)
    if position % 2 and declared and (Certificate.Kind.TKDN, number) not in existing:
        bmp = [piece.bmp_percent for piece in declared if piece.bmp_percent is not None]
        new.append(
            record_certificate(
                artisan=artisan,
                kind=Certificate.Kind.TKDN,
                number=number,
                issuer=TKDN_ISSUER,
                issued_on=date(2025, 1 + position % 12, 10),
                tkdn_percent=min(piece.tkdn_percent for piece in declared),
                bmp_percent=min(bmp) if bmp else None,
                products=declared,
            )
        )
    return new
