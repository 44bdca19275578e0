"""Loading the demo marketplace: the one write path behind ``manage.py load_demo``.

Owns the demo's centres, motifs, artisans (each with one Oscar partner and one
dashboard login), centre managers and the admin; hands the products to ``products``
and their Batikmark and TKDN certificates to ``certificates``.

Idempotent. Centres and motifs are upserted by slug; artisans, their partners, logins
and products are created only when missing (by slug, e-mail and the product code
``DEMO-00001``, which is also the stock record's SKU). A second run with the same
arguments therefore changes nothing, and nothing is ever deleted.
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser, Permission
from django.db import transaction
from oscar.core.loading import get_model

from catalogue_ext.structure import ensure_catalogue_structure
from marketplace.centres.models import Artisan, Centre

from . import certificates, images, plans, products
from .data import ArtisanSpec, CentreSpec
from .motifs import MOTIFS
from .plans import DEFAULT_PRODUCT_COUNT, DEFAULT_SEED, ArtisanRef
from .products import ensure_picture

Motif = get_model("catalogue", "Motif")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
User = get_user_model()

DEMO_PASSWORD = "batik-demo-2026"
EMAIL_DOMAIN = "demo.batik.example"
ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"
# Artisans share this many portraits (drawn once).
PORTRAIT_POOL = 24

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Login:
    email: str
    name: str


@dataclass(frozen=True)
class DemoSummary:
    centres: int
    artisans: int
    products: int
    products_created: int
    product_images: int
    certificates: int
    certificates_verified: int
    seconds: float
    password: str
    admin: Login
    managers: list[Login]
    artisan_logins: list[Login]


def artisan_email(slug: str) -> str:
    return f"artisan.{slug}@{EMAIL_DOMAIN}"


def manager_email(centre_slug: str) -> str:
    return f"manager.{centre_slug}@{EMAIL_DOMAIN}"


def load_demo(
    *,
    product_count: int = DEFAULT_PRODUCT_COUNT,
    seed: int = DEFAULT_SEED,
    with_images: bool = True,
    progress: Progress | None = None,
) -> DemoSummary:
    """Load (or complete) the demo marketplace with ``product_count`` products.

    Centres and artisans grow with the catalogue (one centre per 200 products, one
    artisan per 20, never fewer than the fixed ones). ``seed`` shapes the details of
    products not created yet; existing demo records are left as they are.
    """
    if product_count < 1:
        raise ValueError("product_count must be at least 1")
    report = progress or (lambda message: None)
    started = time.monotonic()
    ensure_catalogue_structure()
    # One hash for every demo login: hashing 500 passwords one by one takes minutes.
    password_hash = make_password(DEMO_PASSWORD)
    centre_specs = plans.centre_specs(product_count)
    artisan_specs = plans.artisan_specs(product_count, centre_specs)
    with transaction.atomic():
        centres = _ensure_centres(centre_specs, with_images=with_images)
        report(f"centres {len(centres)}")
        _ensure_motifs(centres)
        artisans = _ensure_artisans(
            artisan_specs, centres, password_hash=password_hash, with_images=with_images
        )
        report(f"artisans {len(artisans)}")
        managers = _ensure_centre_managers(centre_specs, centres, password_hash=password_hash)
        admin = _ensure_admin(password_hash=password_hash)
        created = products.ensure_products(
            product_count=product_count, seed=seed, artisans=artisans, report=report
        )
        if with_images:
            products.ensure_product_images(product_count=product_count, report=report)
        certificate_counts = certificates.ensure_certificates(
            artisans=artisans, managers=_manager_users(centres), report=report
        )
    return DemoSummary(
        centres=Centre.objects.count(),
        artisans=Artisan.objects.count(),
        products=Product.objects.filter(code__startswith=plans.DEMO_CODE_PREFIX).count(),
        products_created=created,
        product_images=products.demo_product_image_count(),
        certificates=certificate_counts.total,
        certificates_verified=certificate_counts.verified,
        seconds=time.monotonic() - started,
        password=DEMO_PASSWORD,
        admin=admin,
        managers=managers,
        artisan_logins=[
            Login(artisan_email(spec.slug), f"{spec.name} — {spec.workshop_name}")
            for spec in artisan_specs
        ],
    )


# --- Centres and motifs ----------------------------------------------------------------
def _ensure_centres(specs: Sequence[CentreSpec], *, with_images: bool) -> dict[str, Centre]:
    centres = {}
    for number, spec in enumerate(specs, start=1):
        defaults = {
            "name": spec.name,
            "province": spec.province,
            "city": spec.city,
            "district": spec.district,
            "village": spec.village,
            "street_address": spec.street_address,
            "latitude": spec.latitude,
            "longitude": spec.longitude,
            "land_area_m2": spec.land_area_m2,
            "year_opened": spec.year_opened,
            "funding_note": spec.funding_note,
            "facilities": "\n".join(spec.facilities),
            "description": spec.description,
            "description_en": spec.description_en,
            "is_fictional": spec.is_fictional,
        }
        if with_images:
            defaults["photo"] = ensure_picture(
                f"demo/centres/{spec.slug}.jpg", partial(images.draw_centre_photo, seed=number)
            )
        centres[spec.slug], _ = Centre.objects.update_or_create(slug=spec.slug, defaults=defaults)
    return centres


def _ensure_motifs(centres: dict[str, Centre]) -> None:
    """Upsert the regional motifs; an HKI number typed in by staff is kept."""
    for spec in MOTIFS:
        Motif.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "region": spec.region,
                "centre": centres[spec.centre_slug],
                "story": spec.story,
                "story_en": spec.story_en,
            },
        )


# --- People ----------------------------------------------------------------------------
def _ensure_artisans(
    specs: Sequence[ArtisanSpec],
    centres: dict[str, Centre],
    *,
    password_hash: str,
    with_images: bool,
) -> list[ArtisanRef]:
    """Create missing artisans, each with one Oscar partner and one dashboard login.

    Returns every artisan of ``specs`` in spec order, as read back from the database.
    """
    slugs = [spec.slug for spec in specs]
    existing = set(Artisan.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    partner_ids = _ensure_partners(spec for spec in specs if spec.slug not in existing)
    user_ids = _ensure_users(
        User(
            username=artisan_email(spec.slug),
            email=artisan_email(spec.slug),
            first_name=spec.name.split()[0],
            last_name=" ".join(spec.name.split()[1:]),
            password=password_hash,
        )
        for spec in specs
    )
    # Artisans share a small pool of portraits, drawn once.
    portraits = []
    if with_images:
        portraits = [
            ensure_picture(
                f"demo/artisans/portrait-{variant:02d}.jpg",
                partial(images.draw_portrait, seed=variant),
            )
            for variant in range(min(len(specs), PORTRAIT_POOL))
        ]
    Artisan.objects.bulk_create(
        [
            Artisan(
                slug=spec.slug,
                name=spec.name,
                workshop_name=spec.workshop_name,
                centre=centres[spec.centre_slug],
                partner_id=partner_ids[_partner_code(spec.slug)],
                bio=spec.bio,
                bio_en=spec.bio_en,
                techniques=list(spec.techniques),
                photo=portraits[position % len(portraits)] if portraits else "",
                is_fictional=True,
            )
            for position, spec in enumerate(specs)
            if spec.slug not in existing
        ]
    )
    rows = {
        row["slug"]: row
        for row in Artisan.objects.filter(slug__in=slugs).values(
            "id", "slug", "name", "centre_id", "centre__name", "partner_id", "techniques"
        )
    }
    # Links are (re)made for every artisan: bulk inserts that skip existing rows.
    dashboard_access = Permission.objects.get(
        codename="dashboard_access", content_type__app_label="partner"
    )
    Partner.users.through.objects.bulk_create(
        [
            Partner.users.through(
                partner_id=rows[slug]["partner_id"], user_id=user_ids[artisan_email(slug)]
            )
            for slug in slugs
        ],
        ignore_conflicts=True,
    )
    User.user_permissions.through.objects.bulk_create(
        [
            User.user_permissions.through(
                user_id=user_ids[artisan_email(slug)], permission_id=dashboard_access.pk
            )
            for slug in slugs
        ],
        ignore_conflicts=True,
    )
    return _artisan_refs(specs, rows)


def _artisan_refs(specs: Sequence[ArtisanSpec], rows: dict[str, dict]) -> list[ArtisanRef]:
    by_centre: dict[int, list[int]] = defaultdict(list)
    for spec in specs:
        by_centre[rows[spec.slug]["centre_id"]].append(rows[spec.slug]["id"])
    refs = []
    for number, spec in enumerate(specs, start=1):
        row = rows[spec.slug]
        colleagues = by_centre[row["centre_id"]]
        tailor_id = None
        if len(colleagues) > 1:
            tailor_id = colleagues[(colleagues.index(row["id"]) + 1) % len(colleagues)]
        refs.append(
            ArtisanRef(
                id=row["id"],
                name=row["name"],
                centre_id=row["centre_id"],
                centre_name=row["centre__name"],
                partner_id=row["partner_id"],
                techniques=tuple(row["techniques"]) or spec.techniques,
                batikmark_prefix=f"DEMO-BM-{number:04d}" if spec.has_batikmark else "",
                tailor_id=tailor_id,
            )
        )
    return refs


def _partner_code(artisan_slug: str) -> str:
    return f"demo-{artisan_slug}"


def _ensure_partners(specs: Iterable[ArtisanSpec]) -> dict[str, int]:
    """Partner id by code for ``specs``, creating the partners that are missing."""
    wanted = {_partner_code(spec.slug): spec.workshop_name for spec in specs}
    existing = set(Partner.objects.filter(code__in=wanted).values_list("code", flat=True))
    Partner.objects.bulk_create(
        [Partner(code=code, name=name) for code, name in wanted.items() if code not in existing]
    )
    return dict(Partner.objects.filter(code__in=wanted).values_list("code", "id"))


def _ensure_users(users: Iterable[AbstractUser]) -> dict[str, int]:
    """User id by username, creating the (unsaved) ``users`` whose username is new.

    Existing users are left alone: a demo password somebody changed stays changed.
    """
    users = {user.username: user for user in users}
    existing = set(User.objects.filter(username__in=users).values_list("username", flat=True))
    User.objects.bulk_create([user for name, user in users.items() if name not in existing])
    return dict(User.objects.filter(username__in=users).values_list("username", "id"))


def _ensure_centre_managers(
    specs: Sequence[CentreSpec], centres: dict[str, Centre], *, password_hash: str
) -> list[Login]:
    user_ids = _ensure_users(
        User(
            username=manager_email(spec.slug),
            email=manager_email(spec.slug),
            first_name="Pengelola",
            last_name=spec.name[:150],
            password=password_hash,
        )
        for spec in specs
    )
    Centre.managers.through.objects.bulk_create(
        [
            Centre.managers.through(
                centre_id=centres[spec.slug].pk, user_id=user_ids[manager_email(spec.slug)]
            )
            for spec in specs
        ],
        ignore_conflicts=True,
    )
    return [Login(manager_email(spec.slug), spec.name) for spec in specs]


def _manager_users(centres: dict[str, Centre]) -> dict[int, AbstractUser]:
    """Each centre's demo manager, by centre id."""
    users = User.objects.in_bulk([manager_email(slug) for slug in centres], field_name="username")
    return {centre.pk: users[manager_email(slug)] for slug, centre in centres.items()}


def _ensure_admin(*, password_hash: str) -> Login:
    User.objects.get_or_create(
        username=ADMIN_EMAIL,
        defaults={
            "email": ADMIN_EMAIL,
            "first_name": "Admin",
            "last_name": "Demo",
            "password": password_hash,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    return Login(ADMIN_EMAIL, "marketplace administrator")
