"""Provenance on Oscar's Product, the Motif record, who made each piece and its certificates.

Custom models sit above Oscar's star-import so that Oscar registers ours instead of
its own ``Product``; below it, a proxy of Oscar's review for the list of reviews.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet
from oscar.core.loading import get_model
from oscar.utils.models import get_image_upload_path

from marketplace.core.choices import (
    BATIKMARK_COLOUR_BY_TECHNIQUE,
    SNI_BY_TECHNIQUE,
    TECHNIQUE_EXPLANATIONS,
    Dye,
    Fabric,
    MakerRole,
    Technique,
)
from marketplace.core.i18n import localized
from marketplace.media.fields import SanitisedImageField

from .facet_cache import CatalogueWriteQuerySet

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]

# Crockford-style alphabet without look-alikes (no 0/O, 1/I/L, U): codes are read off
# hang-tags by people as well as scanned.
TRACE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACE_CODE_LENGTH = 8


def new_trace_code() -> str:
    """A random, unguessable trace code (30^8 ≈ 6.6e11 possibilities)."""
    return "".join(secrets.choice(TRACE_CODE_ALPHABET) for _ in range(TRACE_CODE_LENGTH))


# Perpres 46/2025: government buyers must prefer a domestic product, one with
# TKDN ≥ 25% and TKDN + BMP ≥ 40%.
DOMESTIC_MIN_TKDN = Decimal("25")
DOMESTIC_MIN_TKDN_PLUS_BMP = Decimal("40")


def qualifies_as_domestic(tkdn_percent: Decimal | None, bmp_percent: Decimal | None) -> bool:
    if tkdn_percent is None:
        return False
    bmp = bmp_percent or Decimal("0")
    return tkdn_percent >= DOMESTIC_MIN_TKDN and tkdn_percent + bmp >= DOMESTIC_MIN_TKDN_PLUS_BMP


class Motif(models.Model):
    """A named batik motif of a region, possibly registered as intellectual property."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    region = models.CharField(_("region"), max_length=120)
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motifs",
        verbose_name=_("centre"),
    )
    hki_number = models.CharField(
        _("HKI registration number"),
        max_length=64,
        blank=True,
        help_text=_("Intellectual-property registration, if the motif is registered."),
    )
    story = models.TextField(_("story (Indonesian)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)

    class Meta:
        app_label = "catalogue"
        ordering = ["name"]
        verbose_name = _("motif")
        verbose_name_plural = _("motifs")

    def __str__(self) -> str:
        return self.name

    @property
    def localized_story(self) -> str:
        return localized(self, "story")


class ProductQuerySet(CatalogueWriteQuerySet, OscarProductQuerySet):
    """Oscar's product queryset; bulk writes also refresh the cached facet counts."""


class Product(AbstractProduct):
    """Oscar's product with its provenance: who made it, where, and how."""

    objects = ProductQuerySet.as_manager()

    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("artisan"),
    )
    # Stored, not derived from the artisan: a piece stays from the centre where it
    # was made even if its artisan later moves.
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("centre"),
    )
    technique = models.CharField(
        _("technique"), max_length=16, choices=Technique.choices, blank=True, db_index=True
    )
    dye = models.CharField(_("dye"), max_length=16, choices=Dye.choices, blank=True)
    fabric = models.CharField(_("fabric"), max_length=16, choices=Fabric.choices, blank=True)
    motif = models.ForeignKey(
        Motif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("motif"),
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    batikmark_number = models.CharField(
        _("Batikmark certificate number"), max_length=64, blank=True
    )
    tkdn_percent = models.DecimalField(
        _("TKDN (local content) %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    bmp_percent = models.DecimalField(
        _("BMP (company benefit) %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    hs_code = models.CharField(
        _("HS code"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{4}(\.?\d{2}){0,3}$", _("Use digits, e.g. 6208.92"))],
    )
    net_weight_grams = models.PositiveIntegerField(_("net weight (g)"), null=True, blank=True)
    gross_weight_grams = models.PositiveIntegerField(_("gross weight (g)"), null=True, blank=True)
    length_cm = models.DecimalField(
        _("length (cm)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    width_cm = models.DecimalField(
        _("width (cm)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    height_cm = models.DecimalField(
        _("height (cm)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    trace_code = models.CharField(
        _("trace code"),
        max_length=16,
        unique=True,
        default=new_trace_code,
        editable=False,
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            # A piece goes public only once somebody stands behind it.
            models.CheckConstraint(
                condition=Q(is_public=False)
                | Q(structure="child")
                | Q(artisan__isnull=False, centre__isnull=False),
                name="public_product_has_artisan_and_centre",
            ),
            models.CheckConstraint(
                condition=Q(tkdn_percent__isnull=True)
                | Q(tkdn_percent__gte=0, tkdn_percent__lte=100),
                name="product_tkdn_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(bmp_percent__isnull=True) | Q(bmp_percent__gte=0, bmp_percent__lte=100),
                name="product_bmp_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(gross_weight_grams__isnull=True)
                | Q(net_weight_grams__isnull=True)
                | Q(gross_weight_grams__gte=F("net_weight_grams")),
                name="product_gross_weight_not_below_net",
            ),
        ]

    def clean(self):
        super().clean()
        if self.is_public and not self.is_child and not self.artisan_id:
            raise ValidationError(
                {"artisan": _("A public product must name the artisan who made it.")}
            )
        if self.batikmark_number and self.technique and not self.is_batik:
            raise ValidationError(
                {"batikmark_number": _("Only batik (tulis, cap, kombinasi) can carry Batikmark.")}
            )

    def save(self, *args, **kwargs):
        # The centre is taken from the artisan when the piece is first recorded, and
        # then kept: it is history, not a live link.
        if self.artisan_id and not self.centre_id:
            self.centre_id = self.artisan.centre_id
        super().save(*args, **kwargs)

    # --- Provenance, read from the row ---------------------------------------------
    @property
    def is_batik(self) -> bool:
        """True only for tulis, cap and kombinasi: printed motif cloth is not batik."""
        return self.technique in Technique.batik_values()

    @property
    def is_labelled_not_batik(self) -> bool:
        return bool(self.technique) and not self.is_batik

    @property
    def technique_sni(self) -> str:
        return SNI_BY_TECHNIQUE.get(self.technique, "")

    @property
    def technique_explanation(self) -> str:
        return str(TECHNIQUE_EXPLANATIONS.get(self.technique, ""))

    @property
    def localized_description(self) -> str:
        return localized(self, "description")

    def _certificates(self) -> list:
        # An unsaved product has no certificates (and no M2M manager to ask).
        return list(self.certificates.all()) if self.pk else []

    def has_review_by(self, user) -> bool:
        """Oscar's check, unless the page read it with the product: the buyer's order
        page annotates ``reviewed_by_viewer`` for the signed-in buyer (one query for
        every line instead of one per line)."""
        known = getattr(self, "reviewed_by_viewer", None)
        if known is not None and user.is_authenticated:
            return known
        return super().has_review_by(user)

    @property
    def declared_batikmark_number(self) -> str:
        """The seller's Batikmark number when no certificate record backs it ('' if one does)."""
        if not self.batikmark_number:
            return ""
        recorded = {c.number for c in self._certificates() if c.kind == Certificate.Kind.BATIKMARK}
        return "" if self.batikmark_number in recorded else self.batikmark_number

    @property
    def declared_tkdn_percent(self) -> Decimal | None:
        """The seller's TKDN figure when no TKDN certificate is recorded for the piece."""
        if any(c.kind == Certificate.Kind.TKDN for c in self._certificates()):
            return None
        return self.tkdn_percent

    @property
    def verified_tkdn_certificate(self) -> "Certificate | None":
        """The newest verified, unexpired TKDN certificate covering this piece.

        Reads ``certificates.all()``, so a list that prefetches ``certificates``
        answers this without a query per product.
        """
        today = timezone.localdate()
        candidates = [
            certificate
            for certificate in self._certificates()
            if certificate.kind == Certificate.Kind.TKDN and certificate.is_trusted_on(today)
        ]
        return max(candidates, key=lambda c: c.issued_on, default=None)

    @property
    def is_domestic_product(self) -> bool:
        """Qualifies as a domestic product for government buyers (Perpres 46/2025).

        Computed, never set by hand, and only from *verified* data: the TKDN and BMP
        figures of a TKDN certificate a centre manager or administrator checked and
        that has not expired. The seller's own ``tkdn_percent`` is a declaration and
        does not count.
        """
        certificate = self.verified_tkdn_certificate
        return certificate is not None and qualifies_as_domestic(
            certificate.tkdn_percent, certificate.bmp_percent
        )


class ProductMaker(models.Model):
    """One person's part in making a piece (a piece can have several makers)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="makers")
    artisan = models.ForeignKey(
        "centres.Artisan", on_delete=models.PROTECT, related_name="made_pieces"
    )
    role = models.CharField(_("role"), max_length=16, choices=MakerRole.choices)

    class Meta:
        app_label = "catalogue"
        ordering = ["product", "role", "artisan"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "artisan", "role"], name="unique_product_maker_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.artisan} – {self.get_role_display()}"


class ProductImage(AbstractProductImage):
    """Oscar's product image; every upload is checked, cleaned of metadata (GPS
    included) and given its list and page renditions (``marketplace.media``)."""

    original = SanitisedImageField(_("Original"), upload_to=get_image_upload_path, max_length=255)


class Certificate(models.Model):
    """A Batikmark or TKDN certificate, its evidence and whether the marketplace checked it.

    Held by one artisan (the workshop the certificate was issued to) and covering some
    of that artisan's pieces. Only a verified, unexpired certificate counts: for the
    domestic-product badge and as "verified" on product and trace pages.
    """

    class Kind(models.TextChoices):
        BATIKMARK = "batikmark", _("Batikmark “batik INDONESIA”")
        TKDN = "tkdn", _("TKDN (local content)")

    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified by the marketplace")
        UNVERIFIED = "unverified", _("Not yet verified")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    artisan = models.ForeignKey(
        "centres.Artisan",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder (artisan or workshop)"),
    )
    products = models.ManyToManyField(
        Product, blank=True, related_name="certificates", verbose_name=_("products covered")
    )
    technique = models.CharField(
        _("technique certified"),
        max_length=16,
        choices=Technique.choices,
        blank=True,
        help_text=_("Batikmark only: the label colour follows it (gold, white, silver)."),
    )
    issuer = models.CharField(
        _("issuer"), max_length=200, blank=True, help_text=_("e.g. BBSPJIKB Yogyakarta")
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence = models.FileField(
        _("evidence (scan or PDF)"), upload_to="certificates/%Y/", blank=True
    )
    tkdn_percent = models.DecimalField(
        _("TKDN %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    bmp_percent = models.DecimalField(
        _("BMP %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "catalogue"
        ordering = ["kind", "-issued_on", "number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="unique_certificate_number"),
            # Batikmark certifies one batik technique; TKDN states its percentage.
            models.CheckConstraint(
                condition=Q(kind="tkdn") | Q(technique__in=["tulis", "cap", "kombinasi"]),
                name="batikmark_certifies_a_batik_technique",
            ),
            models.CheckConstraint(
                condition=Q(kind="batikmark") | Q(tkdn_percent__isnull=False),
                name="tkdn_certificate_states_its_percent",
            ),
            models.CheckConstraint(
                condition=Q(tkdn_percent__isnull=True)
                | Q(tkdn_percent__gte=0, tkdn_percent__lte=100),
                name="certificate_tkdn_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(bmp_percent__isnull=True) | Q(bmp_percent__gte=0, bmp_percent__lte=100),
                name="certificate_bmp_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="certificate_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        super().clean()
        if self.kind == self.Kind.BATIKMARK and self.technique not in Technique.batik_values():
            raise ValidationError(
                {"technique": _("Batikmark certifies batik: choose tulis, cap or kombinasi.")}
            )
        if self.kind == self.Kind.TKDN and self.tkdn_percent is None:
            raise ValidationError({"tkdn_percent": _("A TKDN certificate states its TKDN %.")})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def is_expired_on(self, day) -> bool:
        return self.expires_on is not None and self.expires_on < day

    def is_trusted_on(self, day) -> bool:
        """Verified and not expired on ``day``: the only kind of certificate that counts."""
        return self.is_verified and not self.is_expired_on(day)

    @property
    def status(self) -> str:
        if self.is_expired_on(timezone.localdate()):
            return self.Status.EXPIRED
        return self.Status.VERIFIED if self.is_verified else self.Status.UNVERIFIED

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def batikmark_colour(self) -> str:
        return str(BATIKMARK_COLOUR_BY_TECHNIQUE.get(self.technique, ""))

    @property
    def qualifies_as_domestic(self) -> bool:
        return self.kind == self.Kind.TKDN and qualifies_as_domestic(
            self.tkdn_percent, self.bmp_percent
        )


from oscar.apps.catalogue.models import *  # noqa: E402,F403 - Oscar's remaining models

ProductReview = get_model("reviews", "ProductReview")


class ListedReview(ProductReview):
    """A review in a product's list of reviews, as one signed-in viewer sees it.

    The list reads whether the viewer voted on each review with the reviews
    (``viewer_has_voted``); Oscar's ``can_user_vote`` validates a vote with four
    queries per review. The rules are Oscar's: only signed-in people vote, never on
    their own review, once per review.
    """

    class Meta:
        proxy = True

    def can_user_vote(self, user):
        has_voted = getattr(self, "viewer_has_voted", None)
        if has_voted is None or not user.is_authenticated:
            return super().can_user_vote(user)
        if not self.is_anonymous and self.user_id == user.pk:
            return False, _("You cannot vote on your own reviews")
        if has_voted:
            return False, _("You can only vote once on a review")
        return True, ""
