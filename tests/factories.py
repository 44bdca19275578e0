"""Factories for our models, building on Oscar's ``oscar.test.factories``."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import Dye, Fabric, Technique

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Motif = get_model("catalogue", "Motif")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


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


def centre_manager(centre: Centre, **kwargs):
    """A login that manages ``centre``."""
    user = UserFactory(**kwargs)
    centre.managers.add(user)
    return user


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
