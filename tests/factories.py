"""Factories for our models, building on Oscar's ``oscar.test.factories``."""

import itertools
from datetime import date
from decimal import Decimal
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories
from PIL import Image

from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import Dye, Fabric, Technique
from marketplace.oscar_apps.order.utils import provenance_snapshot

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Strategy = get_class("partner.strategy", "Default")


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password("secret-pass-123")

    class Meta:
        model = get_user_model()


class CentreFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sentra Batik Uji {n}")
    slug = factory.Sequence(lambda n: f"sentra-uji-{n}")
    province = "Jawa Timur"
    city = "Kota Mojokerto"

    class Meta:
        model = Centre


class PartnerFactory(oscar_factories.PartnerFactory):
    name = factory.Sequence(lambda n: f"Workshop {n}")

    class Meta:
        skip_postgeneration_save = True


class ArtisanFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Artisan {n}")
    slug = factory.Sequence(lambda n: f"artisan-{n}")
    centre = factory.SubFactory(CentreFactory)
    partner = factory.SubFactory(PartnerFactory)
    techniques = factory.LazyFunction(lambda: [Technique.TULIS])

    class Meta:
        model = Artisan


def artisan_user(artisan: Artisan, **kwargs):
    """A login for ``artisan``: a partner user with Oscar's dashboard access."""
    user = UserFactory(**kwargs)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    artisan.partner.users.add(user)
    return user


class MotifFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Motif {n}")
    slug = factory.Sequence(lambda n: f"motif-{n}")
    region = "Mojokerto"

    class Meta:
        model = Motif


def kind_category(slug: str = "kain-batik"):
    """One of the fixed top-level categories (created after migrate)."""
    return Category.objects.get(slug=slug, depth=1)


class ProductFactory(factory.django.DjangoModelFactory):
    """A public, standalone batik product with one IDR stock record."""

    title = factory.Sequence(lambda n: f"Kain batik {n}")
    structure = "standalone"
    product_class = factory.LazyFunction(lambda: ProductClass.objects.get(slug="kain-batik"))
    artisan = factory.SubFactory(ArtisanFactory)
    technique = Technique.TULIS
    dye = Dye.ALAM
    fabric = Fabric.PRIMISSIMA
    motif = factory.SubFactory(MotifFactory)
    is_public = True

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def stock(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        StockRecord.objects.create(
            product=self,
            partner=self.artisan.partner,
            partner_sku=f"SKU-{self.pk}",
            price_currency="IDR",
            price=kwargs.get("price", Decimal("250000")),
            num_in_stock=kwargs.get("num_in_stock", 5),
        )

    @factory.post_generation
    def category(self, create, extracted, **kwargs):
        if create:
            ProductCategory.objects.create(product=self, category=extracted or kind_category())


class ProductImageFactory(factory.django.DjangoModelFactory):
    """A product photo, stored through the app's upload path (cleaned, renditions made)."""

    product = factory.SubFactory(ProductFactory)
    original = factory.django.ImageField(width=120, height=90, format="JPEG", color="navy")

    class Meta:
        model = ProductImage


def product_image(product, *, size: int = 24):
    """Attach a small generated JPEG to ``product`` (nothing is downloaded)."""
    buffer = BytesIO()
    Image.new("RGB", (size, size), (139, 69, 19)).save(buffer, format="JPEG")
    return ProductImage.objects.create(
        product=product,
        original=ContentFile(buffer.getvalue(), name=f"batik-{product.pk}.jpg"),
        display_order=product.images.count(),
    )


# --- Checkout and payments -------------------------------------------------------------
Country = get_model("address", "Country")
WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")

USD_RATE = Decimal("16000")

# (iso2, iso3, numeric, name)
SHOP_COUNTRIES = [
    ("ID", "IDN", "360", "Indonesia"),
    ("NL", "NLD", "528", "Netherlands"),
    ("US", "USA", "840", "United States"),
]


def setup_shop(usd_rate: Decimal | None = USD_RATE) -> dict:
    """Countries, one domestic and one international weight-based method, a USD rate.

    Domestic: Rp20.000 up to 1 kg, Rp35.000 up to 5 kg. International: Rp300.000 up
    to 1 kg, Rp800.000 up to 5 kg. Products without a weight weigh 0.5 kg.
    """
    from marketplace.payments.rates import set_rate

    for iso2, iso3, numeric, name in SHOP_COUNTRIES:
        Country.objects.get_or_create(
            iso_3166_1_a2=iso2,
            defaults={
                "iso_3166_1_a3": iso3,
                "iso_3166_1_numeric": numeric,
                "printable_name": name,
                "name": name,
                "is_shipping_country": True,
            },
        )
    domestic = WeightBased.objects.create(
        name="Domestik", zone=WeightBased.Zone.DOMESTIC, default_weight=Decimal("0.5")
    )
    international = WeightBased.objects.create(
        name="International", zone=WeightBased.Zone.INTERNATIONAL, default_weight=Decimal("0.5")
    )
    for method, bands in (
        (domestic, [(1, 20_000), (5, 35_000)]),
        (international, [(1, 300_000), (5, 800_000)]),
    ):
        for upper, charge in bands:
            WeightBand.objects.create(method=method, upper_limit=upper, charge=Decimal(charge))
    rate = set_rate(currency="USD", idr_per_unit=usd_rate) if usd_rate else None
    return {"domestic": domestic, "international": international, "usd_rate": rate}


# --- Placed orders (sales reports and settlements) -----------------------------------
Country = get_model("address", "Country")
Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")

_order_numbers = itertools.count(1)


def country(code: str = "ID", name: str | None = None):
    obj, _ = Country.objects.get_or_create(
        iso_3166_1_a2=code, defaults={"printable_name": name or code, "name": name or code}
    )
    return obj


def placed_order(
    *lines,
    status: str = "Paid",
    placed=None,
    country_code: str | None = "ID",
    currency: str = "IDR",
    number: str | None = None,
):
    """An order written as the forked OrderCreator writes it, with exact prices.

    Each of ``lines`` is ``(product, quantity, unit_price)`` or ``(product, quantity,
    unit_price_incl_tax, unit_price_excl_tax)``; provenance is snapshotted from the
    product as it is now.
    """
    address = None
    if country_code:
        address = ShippingAddress.objects.create(
            first_name="Dewi",
            last_name="Lestari",
            line1="Jalan Kedungsari 1",
            line4="Kota Mojokerto",
            country=country(country_code),
        )
    total = sum((Decimal(spec[2]) * spec[1] for spec in lines), Decimal("0"))
    order = Order.objects.create(
        number=number or f"T{next(_order_numbers):06d}",
        currency=currency,
        total_incl_tax=total,
        total_excl_tax=total,
        shipping_address=address,
        status=status,
        guest_email="buyer@example.com",
        date_placed=placed or timezone.now(),
    )
    for product, quantity, incl, *rest in lines:
        excl = rest[0] if rest else incl
        record = product.stockrecords.first()
        OrderLine.objects.create(
            order=order,
            partner=record.partner if record else None,
            partner_name=record.partner.name if record else "",
            partner_sku=record.partner_sku if record else "SKU",
            stockrecord=record,
            product=product,
            title=product.get_title(),
            quantity=quantity,
            line_price_incl_tax=Decimal(incl) * quantity,
            line_price_excl_tax=Decimal(excl) * quantity,
            line_price_before_discounts_incl_tax=Decimal(incl) * quantity,
            line_price_before_discounts_excl_tax=Decimal(excl) * quantity,
            unit_price_incl_tax=Decimal(incl),
            unit_price_excl_tax=Decimal(excl),
            num_allocated=quantity,
            **provenance_snapshot(product),
        )
    return order


def centre_manager(*centres, **kwargs):
    """A login that manages ``centres``."""
    user = UserFactory(**kwargs)
    for centre in centres:
        centre.managers.add(user)
    return user


def place_order(*items, number=None, user=None, **order_fields):
    """An order of ``items`` ((product, quantity) pairs) placed by Oscar's OrderCreator.

    Stock is allocated as at checkout; the shipping address is in Mojokerto.
    """
    basket = Basket.objects.create(owner=user)
    basket.strategy = Strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    address = oscar_factories.ShippingAddressFactory(
        first_name="Siti",
        last_name="Pembeli",
        line1="Jl. Majapahit 12",
        line4="Kota Mojokerto",
        postcode="61311",
        phone_number="+6281234567890",
        country=oscar_factories.CountryFactory(iso_3166_1_a2="ID", printable_name="Indonesia"),
    )
    return oscar_factories.create_order(
        number=number, basket=basket, user=user, shipping_address=address, **order_fields
    )


class CertificateFactory(factory.django.DjangoModelFactory):
    """An unverified TKDN certificate (pass ``products=[...]`` to cover pieces)."""

    kind = "tkdn"
    number = factory.Sequence(lambda n: f"TKDN-{n:05d}")
    artisan = factory.SubFactory(ArtisanFactory)
    issuer = "Kementerian Perindustrian (SIINas)"
    issued_on = date(2025, 3, 1)
    tkdn_percent = Decimal("45.00")

    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    @factory.post_generation
    def products(self, create, extracted, **kwargs):
        if create and extracted:
            self.products.set(extracted)
