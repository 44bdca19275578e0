"""The demo generator: what ``load_demo`` creates, and that running it again changes nothing."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from oscar.core.loading import get_model

from catalogue_ext.services import can_verify_certificate
from catalogue_ext.structure import KINDS
from marketplace.audit.models import AuditEvent
from marketplace.centres import roles
from marketplace.centres.models import Artisan, Centre
from marketplace.core.choices import MakerRole, Technique
from marketplace.demo import plans
from marketplace.demo.data import DEMO_NOTE, DEMO_NOTE_EN
from marketplace.demo.management.commands import load_demo as command
from marketplace.demo.plans import ArtisanRef, MotifRef
from marketplace.demo.services import DEMO_PASSWORD
from marketplace.media.renditions import rendition_names

Certificate = get_model("catalogue", "Certificate")
Motif = get_model("catalogue", "Motif")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductMaker = get_model("catalogue", "ProductMaker")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

KIND_SLUGS = {slug for slug, _, _ in KINDS}
NOT_BATIK = [Technique.PRINTED, Technique.ECOPRINT]
MOJOKERTO_MOTIFS = {
    "Surya Majapahit",
    "Mrico Bolong",
    "Tugu Wira Raja",
    "Alas Majapahit",
    "Kembang Maja",
    "Sekar Jagad Mojokerto",
    "Buah Mojo",
}


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    # One folder for the module: pictures drawn by the first load are reused after.
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_root(settings, media_dir):
    settings.MEDIA_ROOT = media_dir


def load(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    """The default demo, loaded; its command output."""
    return load()


def demo_products():
    return Product.objects.filter(code__startswith=plans.DEMO_CODE_PREFIX)


# --- Products --------------------------------------------------------------------------
@pytest.mark.usefixtures("demo")
def test_default_demo_has_at_least_60_public_products_in_all_five_kinds():
    products = demo_products()
    assert products.count() == plans.DEFAULT_PRODUCT_COUNT >= 60
    assert products.count() == Product.objects.count()
    assert not products.filter(is_public=False).exists()
    assert not products.exclude(structure=Product.STANDALONE).exists()
    links = ProductCategory.objects.values_list("product__product_class__slug", "category__slug")
    assert len(links) == products.count()
    assert all(class_slug == category_slug for class_slug, category_slug in links)
    assert {category for _, category in links} == KIND_SLUGS


@pytest.mark.usefixtures("demo")
def test_every_demo_product_names_its_artisan_centre_technique_and_motif():
    for product in demo_products().select_related("artisan"):
        assert product.centre_id == product.artisan.centre_id
        assert product.technique in Technique.values
        assert product.dye and product.fabric and product.made_on
        if product.technique == Technique.ECOPRINT:
            assert product.motif_id is None  # leaf prints have no batik motif
        else:
            assert product.motif_id is not None
        assert product.makers.filter(artisan=product.artisan).exists()


@pytest.mark.usefixtures("demo")
def test_every_demo_product_passes_model_validation_with_its_required_attributes():
    for product in demo_products():
        product.clean()  # Oscar's structure and required-attribute rules, and ours


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("kind", "code", "allowed"),
    [
        ("busana", "garment_size", {"S", "M", "L", "XL", "XXL", "All size"}),
        ("sepatu", "shoe_size", {str(size) for size in range(36, 45)}),
    ],
)
def test_clothing_and_shoes_carry_their_size_option(kind, code, allowed):
    products = demo_products().filter(product_class__slug=kind)
    sizes = ProductAttributeValue.objects.filter(product__in=products, attribute__code=code)
    assert products.exists()
    assert sizes.count() == products.count()
    assert set(sizes.values_list("value_option__option", flat=True)) <= allowed


@pytest.mark.usefixtures("demo")
def test_every_demo_product_has_one_idr_stock_record_of_its_artisan():
    for product in demo_products().select_related("artisan"):
        (stock,) = product.stockrecords.all()
        assert stock.partner_id == product.artisan.partner_id
        assert stock.partner_sku == product.code
        assert stock.price_currency == "IDR"
        assert stock.price > 0
        assert stock.price == stock.price.to_integral_value()


@pytest.mark.usefixtures("demo")
def test_tulis_pieces_are_unique_and_others_are_stocked_3_to_40():
    stock = StockRecord.objects.filter(product__in=demo_products())
    tulis = stock.filter(product__technique=Technique.TULIS)
    assert tulis.exists()
    assert set(tulis.values_list("num_in_stock", flat=True)) == {1}
    others = stock.exclude(product__technique=Technique.TULIS).values_list(
        "num_in_stock", flat=True
    )
    assert all(3 <= n <= 40 for n in others)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("technique", NOT_BATIK)
def test_printed_and_ecoprint_products_are_not_batik_and_say_so(technique):
    products = demo_products().filter(technique=technique)
    assert products.exists()
    for product in products:
        assert product.is_batik is False
        assert "(bukan batik)" in product.title
        assert "BUKAN BATIK" in product.description
        assert "NOT BATIK" in product.description_en
        assert product.batikmark_number == ""


@pytest.mark.usefixtures("demo")
def test_batikmark_numbers_are_visibly_fake_and_only_on_batik():
    certified = demo_products().exclude(batikmark_number="")
    assert certified.exists()
    for product in certified:
        assert product.batikmark_number.startswith("DEMO-BM-")
        assert product.is_batik


@pytest.mark.usefixtures("demo")
def test_export_data_is_complete_and_gross_weight_is_not_below_net():
    for product in demo_products():
        assert product.hs_code
        assert product.gross_weight_grams > product.net_weight_grams > 0
        assert product.length_cm > 0 and product.width_cm > 0


@pytest.mark.usefixtures("demo")
def test_clothing_sewn_by_someone_else_names_a_tailor_from_the_same_centre():
    clothing = (
        demo_products()
        .filter(product_class__slug="busana")
        .select_related("artisan")
        .prefetch_related("makers__artisan")
    )
    tailored = 0
    for product in clothing:
        makers = list(product.makers.all())
        if (product.artisan_id, MakerRole.PENJAHIT) in {(m.artisan_id, m.role) for m in makers}:
            continue  # the artisan sewed it too
        (tailor,) = [maker for maker in makers if maker.role == MakerRole.PENJAHIT]
        assert tailor.artisan_id != product.artisan_id
        assert tailor.artisan.centre_id == product.centre_id
        tailored += 1
    assert tailored > 0


@pytest.mark.usefixtures("demo")
def test_every_demo_product_has_a_primary_picture_on_disk(media_dir):
    for product in demo_products().prefetch_related("images"):
        image = product.images.all()[0]
        assert image.display_order == 0
        assert (media_dir / image.original.name).is_file()


@pytest.mark.usefixtures("demo")
def test_every_demo_picture_has_the_renditions_the_pages_show(media_dir):
    names = set(ProductImage.objects.values_list("original", flat=True))
    names |= set(Centre.objects.exclude(photo="").values_list("photo", flat=True))
    names |= set(Artisan.objects.exclude(photo="").values_list("photo", flat=True))
    assert len(names) > 70
    for name in names:
        for rendition in rendition_names(name):
            assert (media_dir / rendition).is_file(), rendition


def test_the_home_page_serves_the_thumbnails_it_links(demo, client, settings, media_dir):
    settings.DEBUG = True  # media served by Django, as `make demo` does
    html = client.get("/").content.decode()
    thumbnails = re.findall(r'src="/media/([^"]+)"', html)
    assert len(thumbnails) >= 8
    for name in thumbnails:
        assert (media_dir / name).is_file(), name


# --- Certificates -------------------------------------------------------------------------
@pytest.mark.usefixtures("demo")
def test_demo_records_seven_batikmark_and_seven_tkdn_certificates():
    kinds = list(Certificate.objects.order_by("kind").values_list("kind", flat=True))
    assert kinds == ["batikmark"] * 7 + ["tkdn"] * 7
    assert not Certificate.objects.exclude(number__startswith="DEMO-").exists()


@pytest.mark.usefixtures("demo")
def test_each_batikmark_certificate_covers_the_pieces_that_declare_its_number():
    for certificate in Certificate.objects.filter(kind="batikmark").prefetch_related("products"):
        declaring = demo_products().filter(batikmark_number=certificate.number)
        assert set(certificate.products.all()) == set(declaring)
        assert {p.technique for p in declaring} == {certificate.technique}
        assert {p.artisan_id for p in declaring} == {certificate.artisan_id}
        assert certificate.issuer == "BBSPJIKB Yogyakarta"


@pytest.mark.usefixtures("demo")
def test_each_tkdn_certificate_states_the_lowest_tkdn_its_pieces_declare():
    for certificate in Certificate.objects.filter(kind="tkdn").prefetch_related("products"):
        covered = list(certificate.products.all())
        assert covered
        assert {p.artisan_id for p in covered} == {certificate.artisan_id}
        assert certificate.tkdn_percent == min(p.tkdn_percent for p in covered)


@pytest.mark.usefixtures("demo")
def test_eight_certificates_are_verified_by_their_centre_manager():
    verified = Certificate.objects.filter(verified_at__isnull=False).select_related(
        "artisan__centre", "verified_by"
    )
    assert verified.count() == 8
    for certificate in verified:
        expected = f"manager.{certificate.artisan.centre.slug}@demo.batik.example"
        assert certificate.verified_by.username == expected
    events = AuditEvent.objects.filter(action=AuditEvent.Action.CERTIFICATE_VERIFIED)
    assert events.count() == 8


@pytest.mark.usefixtures("demo")
def test_each_centre_manager_has_exactly_one_certificate_left_to_verify():
    for centre in Centre.objects.all():
        manager = User.objects.get(username=f"manager.{centre.slug}@demo.batik.example")
        pending = Certificate.objects.filter(verified_at__isnull=True, artisan__centre=centre)
        assert pending.count() == 1, centre.slug
        assert can_verify_certificate(manager, pending.get())


@pytest.mark.usefixtures("demo")
def test_fourteen_demo_products_show_the_domestic_product_badge():
    domestic = [p for p in demo_products() if p.is_domestic_product]
    assert len(domestic) == 14
    for product in domestic:
        (certificate,) = product.certificates.filter(kind="tkdn")
        assert certificate.is_verified


# --- Centres, motifs and people -----------------------------------------------------------
@pytest.mark.usefixtures("demo")
def test_maja_barama_wastra_is_loaded_with_its_facts():
    centre = Centre.objects.get(slug="maja-barama-wastra")
    assert centre.name == "Sentra IKM Batik Maja Barama Wastra"
    assert centre.address_line == (
        "Jalan Kedungsari, Gunung Gedangan, Magersari, Kota Mojokerto, Jawa Timur"
    )
    assert centre.land_area_m2 == 5300
    assert centre.year_opened == 2024
    assert centre.funding_note == "DAK Fisik Bidang IKM 2023"
    assert centre.latitude == Decimal("-7.472200")
    assert centre.longitude == Decimal("112.433800")
    assert "Instalasi pengolahan air limbah (IPAL)" in centre.facility_list
    assert len(centre.facility_list) == 9
    assert centre.is_fictional is False
    assert DEMO_NOTE in centre.description
    assert DEMO_NOTE_EN in centre.description_en


@pytest.mark.usefixtures("demo")
def test_real_centres_in_five_batik_regions_say_their_people_are_fictional():
    real = Centre.objects.filter(is_fictional=False)
    assert set(real.values_list("city", flat=True)) == {
        "Kota Mojokerto",
        "Kota Surakarta",
        "Kota Pekalongan",
        "Kabupaten Bantul",
        "Kabupaten Bangkalan",
        "Kabupaten Cirebon",
    }
    for centre in real:
        assert DEMO_NOTE in centre.description
        assert DEMO_NOTE_EN in centre.description_en
        assert centre.photo.name.startswith("demo/centres/")


@pytest.mark.usefixtures("demo")
def test_mojokerto_motifs_belong_to_maja_barama_wastra_and_no_hki_is_invented():
    mojokerto = Motif.objects.filter(centre__slug="maja-barama-wastra")
    assert set(mojokerto.values_list("name", flat=True)) == MOJOKERTO_MOTIFS
    assert set(mojokerto.values_list("region", flat=True)) == {"Mojokerto"}
    for motif in Motif.objects.all():
        assert motif.story and motif.story_en
        assert motif.hki_number == ""


@pytest.mark.usefixtures("demo")
def test_demo_has_at_least_8_fictional_artisans_two_of_them_in_mojokerto():
    assert Artisan.objects.count() == 13
    assert Artisan.objects.filter(centre__slug="maja-barama-wastra").count() == 3
    assert not Artisan.objects.filter(is_fictional=False).exists()
    for artisan in Artisan.objects.all():
        assert "fiktif" in artisan.bio
        assert "fictional" in artisan.bio_en


@pytest.mark.usefixtures("demo")
def test_each_artisan_has_one_partner_and_one_dashboard_login():
    assert Partner.objects.count() == Artisan.objects.count()
    for artisan in Artisan.objects.select_related("partner"):
        (user,) = artisan.partner.users.all()
        assert artisan.partner.name == artisan.workshop_name
        assert user.email == f"artisan.{artisan.slug}@demo.batik.example"
        assert user.has_perm("partner.dashboard_access")
        assert authenticate(None, username=user.email, password=DEMO_PASSWORD) == user
        assert list(roles.artisans_of_user(user)) == [artisan]


@pytest.mark.usefixtures("demo")
def test_admin_can_log_in_as_superuser():
    admin = authenticate(None, username="admin@demo.batik.example", password=DEMO_PASSWORD)
    assert admin.is_superuser and admin.is_staff


@pytest.mark.usefixtures("demo")
def test_each_centre_has_a_manager_who_manages_only_it():
    for centre in Centre.objects.all():
        email = f"manager.{centre.slug}@demo.batik.example"
        manager = authenticate(None, username=email, password=DEMO_PASSWORD)
        assert list(roles.managed_centres(manager)) == [centre]


# --- Runs --------------------------------------------------------------------------------
def snapshot() -> dict:
    """Everything a rerun could change, in comparable form."""
    return {
        "counts": [
            model.objects.count()
            for model in (
                Centre,
                Artisan,
                Partner,
                User,
                Motif,
                Product,
                StockRecord,
                ProductImage,
                ProductCategory,
                ProductAttributeValue,
                ProductMaker,
                Partner.users.through,
                Centre.managers.through,
                User.user_permissions.through,
                Certificate,
                Certificate.products.through,
                AuditEvent,
            )
        ],
        "products": list(
            Product.objects.order_by("code").values_list(
                "code",
                "title",
                "trace_code",
                "date_updated",
                "stockrecords__price",
                "stockrecords__num_in_stock",
            )
        ),
        "centres": list(Centre.objects.order_by("slug").values()),
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "images": list(ProductImage.objects.order_by("id").values_list("original", flat=True)),
        "certificates": list(
            Certificate.objects.order_by("number").values_list("number", "verified_at")
        ),
    }


def test_second_run_changes_nothing(demo):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "(0 new)" in output
    assert "certificates 14 (0 new, 0 verified now; 6 awaiting verification)" in output


def test_products_option_loads_exactly_that_many_with_more_artisans(db, media_dir):
    load(products=300)
    assert demo_products().count() == 300
    assert Artisan.objects.count() == 15  # one per 20 products, more than the 13 fixed
    assert Centre.objects.count() == 6
    assert not Artisan.objects.filter(products__isnull=True).exists()
    assert ProductImage.objects.filter(product__in=demo_products()).count() == 300
    # A larger catalogue shares a pool of pictures instead of drawing one per product.
    pictures = set(ProductImage.objects.values_list("original", flat=True))
    assert len(pictures) <= 40
    assert all((media_dir / name).is_file() for name in pictures)


def test_growing_the_demo_keeps_the_products_already_there(demo):
    before = list(demo_products().order_by("code").values_list("code", "title", "trace_code"))
    load(products=300, no_images=True)
    after = list(demo_products().order_by("code").values_list("code", "title", "trace_code"))
    assert len(after) == 300
    assert after[: len(before)] == before


def test_large_catalogues_add_fictional_centres_and_scale_artisans():
    assert plans.centre_count_for(10_000) == 50
    assert plans.artisan_count_for(10_000) == 500
    assert plans.centre_count_for(300) == 6
    extra = plans.centre_specs(2_000)[6:]
    assert [spec.name for spec in extra] == [
        "Sentra Batik Demo 7 (fiktif)",
        "Sentra Batik Demo 8 (fiktif)",
        "Sentra Batik Demo 9 (fiktif)",
        "Sentra Batik Demo 10 (fiktif)",
    ]
    assert all(spec.is_fictional for spec in extra)


def _prices_after_loading(seed: int) -> dict:
    with transaction.atomic():
        load(seed=seed, no_images=True)
        prices = dict(StockRecord.objects.values_list("partner_sku", "price"))
        transaction.set_rollback(True)
    return prices


def test_prices_are_reproducible_for_a_seed(db):
    first = _prices_after_loading(7)
    assert _prices_after_loading(7) == first
    assert _prices_after_loading(8) != first


def test_command_prints_progress_and_every_login(demo):
    assert "products 72/72" in demo
    assert "certificates 14 (14 new, 8 verified now; 6 awaiting verification)" in demo
    assert "72 demo products (72 new), 72 product images, 14 certificates (8 verified)." in demo
    assert "admin@demo.batik.example" in demo
    assert DEMO_PASSWORD in demo
    for centre in Centre.objects.all():
        assert f"manager.{centre.slug}@demo.batik.example" in demo
    for artisan in Artisan.objects.all():
        assert f"artisan.{artisan.slug}@demo.batik.example" in demo


def test_command_lists_only_the_first_artisans_of_a_large_demo(db, monkeypatch):
    monkeypatch.setattr(command, "ARTISAN_LOGINS_SHOWN", 10)
    output = load(products=300, no_images=True)
    assert output.count("  artisan ") == command.ARTISAN_LOGINS_SHOWN_WHEN_MANY
    assert "… and 10 more artisans (15 in all)" in output


def test_command_refuses_fewer_than_one_product(db):
    with pytest.raises(CommandError):
        load(products=0)
    assert not Product.objects.exists()


# --- Plans (no database) -----------------------------------------------------------------
ARTISAN = ArtisanRef(
    id=1,
    name="Perajin Uji",
    centre_id=1,
    centre_name="Sentra Uji",
    partner_id=1,
    techniques=tuple(Technique.values),
    batikmark_prefix="",
    tailor_id=None,
)
MOTIF = MotifRef(id=1, name="Kawung", region="Yogyakarta")


def planned(count: int = 2000) -> list:
    return [
        plans.plan_product(
            number,
            seed=1,
            artisans=[ARTISAN] * 3,  # three turns per round mix kinds with techniques
            motifs_by_centre={1: [MOTIF]},
            classic_motifs=[],
        )
        for number in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    ("technique", "dye", "low", "high"),
    [
        (Technique.TULIS, "alam", 1_500_000, 3_500_000),
        (Technique.TULIS, "sintetis", 750_000, 1_750_000),
        (Technique.CAP, "sintetis", 150_000, 400_000),
        (Technique.CAP, "alam", 300_000, 800_000),
        (Technique.PRINTED, "sintetis", 60_000, 120_000),
    ],
)
def test_cloth_prices_follow_technique_and_dye(technique, dye, low, high):
    cloth = [
        plan
        for plan in planned()
        if plan.kind == "kain-batik"
        and plan.title.startswith("Kain ")
        and plan.technique == technique
        and plan.dye == dye
    ]
    assert cloth
    assert all(low <= plan.price <= high for plan in cloth)
