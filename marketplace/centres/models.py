"""Centre and Artisan: who makes the batik, and where."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.core.choices import PROVINCE_CHOICES, Technique
from marketplace.core.i18n import localized
from marketplace.media.fields import SanitisedImageField


class Centre(models.Model):
    """A government-backed batik centre (sentra IKM batik) and where it is."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    province = models.CharField(_("province"), max_length=64, choices=PROVINCE_CHOICES)
    city = models.CharField(_("city or regency"), max_length=100)
    district = models.CharField(_("district (kecamatan)"), max_length=100, blank=True)
    village = models.CharField(_("village (kelurahan/desa)"), max_length=100, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    land_area_m2 = models.PositiveIntegerField(_("land area (m²)"), null=True, blank=True)
    year_opened = models.PositiveSmallIntegerField(
        _("year opened"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    funding_note = models.CharField(
        _("funding"),
        max_length=255,
        blank=True,
        help_text=_("e.g. DAK Fisik Bidang IKM 2023"),
    )
    facilities = models.TextField(
        _("facilities"), blank=True, help_text=_("One facility per line.")
    )
    description = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    photo = SanitisedImageField(_("photo"), upload_to="centres/", blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_centres",
        verbose_name=_("managers"),
    )
    is_fictional = models.BooleanField(
        _("fictional demo data"),
        default=False,
        help_text=_("Set on generated demo records, so nobody mistakes them for real."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="centre_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="centre_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(year_opened__isnull=True)
                | Q(year_opened__gte=1900, year_opened__lte=2100),
                name="centre_year_opened_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("storefront:centre-detail", kwargs={"slug": self.slug})

    @property
    def localized_description(self) -> str:
        return localized(self, "description")

    @property
    def facility_list(self) -> list[str]:
        return [line.strip() for line in self.facilities.splitlines() if line.strip()]

    @property
    def map_url(self) -> str:
        """An OpenStreetMap link for the centre's coordinates ('' without them)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            "https://www.openstreetmap.org/?mlat="
            f"{self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
        )

    @property
    def address_line(self) -> str:
        parts = [self.street_address, self.village, self.district, self.city, self.province]
        return ", ".join(p for p in parts if p)


def validate_techniques(value) -> None:
    allowed = set(Technique.values)
    if not isinstance(value, list) or not all(v in allowed for v in value):
        raise ValidationError(
            _("Choose techniques from: %(allowed)s."),
            params={"allowed": ", ".join(Technique.values)},
        )


class Artisan(models.Model):
    """A batik maker (or workshop) who sells through the marketplace.

    The artisan owns stock through exactly one Oscar ``Partner``; the partner's users
    are the artisan's logins and get Oscar's partner-dashboard scoping.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="artisans", verbose_name=_("centre")
    )
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="artisan",
        verbose_name=_("seller account (Oscar partner)"),
    )
    workshop_name = models.CharField(_("workshop name"), max_length=200, blank=True)
    bio = models.TextField(_("biography (Indonesian)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    photo = SanitisedImageField(_("photo"), upload_to="artisans/", blank=True)
    techniques = models.JSONField(
        _("techniques"), default=list, blank=True, validators=[validate_techniques]
    )
    is_fictional = models.BooleanField(_("fictional demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("artisan")
        verbose_name_plural = _("artisans")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("storefront:artisan-detail", kwargs={"slug": self.slug})

    @property
    def localized_bio(self) -> str:
        return localized(self, "bio")

    @property
    def technique_labels(self) -> list[str]:
        labels = dict(Technique.choices)
        return [str(labels[t]) for t in self.techniques if t in labels]
