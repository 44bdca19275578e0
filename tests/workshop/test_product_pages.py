"""Own products: created hidden with provenance, public only after approval."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from marketplace.core.choices import Dye, Fabric, Technique
from marketplace.listings.models import ProductListing
from marketplace.stock.models import StockLedgerEntry
from tests.factories import MotifFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
AttributeOption = get_model("catalogue", "AttributeOption")


def jpeg(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 60, 20)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def motif(centre):
    return MotifFactory(name="Surya Majapahit", centre=centre)


def product_data(motif, **extra):
    data = {
        "title": "Kain Tulis Surya Majapahit",
        "price": "450000",
        "description": "Kain tulis pewarna alam",
        "technique": Technique.TULIS,
        "motif": str(motif.pk),
        "dye": Dye.ALAM,
        "fabric": Fabric.PRIMISSIMA,
        "initial_stock": "2",
    }
    data.update(extra)
    return data


def test_a_new_product_is_created_hidden_with_stock_in_the_ledger(owner_client, artisan, motif):
    response = owner_client.post(
        reverse("dashboard:workshop-product-create-kind", kwargs={"kind": "kain-batik"}),
        {**product_data(motif), "submit": "1", "image": jpeg()},
    )
    assert response.status_code == 302
    product = Product.objects.get(title="Kain Tulis Surya Majapahit")
    assert (product.is_public, product.artisan, product.centre_id) == (
        False,
        artisan,
        artisan.centre_id,
    )
    assert (product.technique, product.motif, product.dye) == ("tulis", motif, "alam")
    assert product.categories.get().slug == "kain-batik"
    record = product.stockrecords.get()
    assert (record.partner_id, record.price, record.num_in_stock) == (artisan.partner_id, 450000, 2)
    entry = StockLedgerEntry.objects.get()
    assert (entry.change, entry.reason) == (2, "produced")
    assert ProductListing.objects.get(product=product).state == "pending"
    assert ProductImage.objects.filter(product=product).count() == 1


def test_provenance_is_required(owner_client, motif):
    response = owner_client.post(
        reverse("dashboard:workshop-product-create-kind", kwargs={"kind": "kain-batik"}),
        {**product_data(motif), "technique": "", "motif": "", "dye": "", "fabric": ""},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"technique", "motif", "dye", "fabric"}
    assert not Product.objects.exists()


def test_a_garment_needs_its_size(owner_client, motif):
    url = reverse("dashboard:workshop-product-create-kind", kwargs={"kind": "busana"})
    response = owner_client.post(url, product_data(motif))
    assert "attr_garment_size" in response.context["form"].errors
    size = AttributeOption.objects.get(group__name="Ukuran busana", option="M")
    response = owner_client.post(url, product_data(motif, attr_garment_size=str(size.pk)))
    assert response.status_code == 302
    assert Product.objects.get().attr.garment_size == size


def test_a_draft_is_saved_without_review_until_submitted(owner_client, motif):
    owner_client.post(
        reverse("dashboard:workshop-product-create-kind", kwargs={"kind": "kain-batik"}),
        {**product_data(motif), "draft": "1"},
    )
    product = Product.objects.get()
    assert ProductListing.objects.get(product=product).state == "draft"
    owner_client.post(reverse("dashboard:workshop-product-submit", kwargs={"pk": product.pk}))
    assert ProductListing.objects.get(product=product).state == "pending"
    assert Product.objects.get().is_public is False


def test_editing_a_public_products_provenance_waits_for_review(owner_client, own_product, motif):
    url = reverse("dashboard:workshop-product-update", kwargs={"pk": own_product.pk})
    response = owner_client.get(url)
    assert response.status_code == 200
    data = product_data(
        motif,
        title="Kain Surya Majapahit (baru)",
        technique=Technique.CAP,
        dye=own_product.dye,
        fabric=own_product.fabric,
    )
    response = owner_client.post(url, data)
    assert response.status_code == 302
    product = Product.objects.get(pk=own_product.pk)
    # Details at once; provenance not before the manager approves it.
    assert (product.title, product.is_public) == ("Kain Surya Majapahit (baru)", True)
    assert (product.technique, product.motif_id) == ("tulis", own_product.motif_id)
    assert product.stockrecords.get().price == 450000
    listing = ProductListing.objects.get(product=product)
    assert listing.state == "pending"
    assert listing.proposed_provenance == {"technique": "cap", "motif_id": motif.pk}

    page = owner_client.get(url)
    assert page.context["form"]["technique"].value() == "cap"
    assert [line.label for line in page.context["proposed_lines"]] == ["technique", "motif"]
    assert b"Provenance change awaiting review" in page.content


def test_my_products_show_their_review_state(owner_client, own_product, rival_product, artisan):
    response = owner_client.get(reverse("dashboard:workshop-product-list"))
    assert [p.pk for p in response.context["products"]] == [own_product.pk]
    assert b'data-state="live"' in response.content


def test_photos_are_added_and_removed(owner_client, own_product):
    owner_client.post(
        reverse("dashboard:workshop-product-image-add", kwargs={"pk": own_product.pk}),
        {"image": jpeg(), "caption": "Tampak depan"},
    )
    image = ProductImage.objects.get(product=own_product)
    assert image.caption == "Tampak depan"
    owner_client.post(
        reverse(
            "dashboard:workshop-product-image-delete",
            kwargs={"pk": own_product.pk, "image_pk": image.pk},
        )
    )
    assert not ProductImage.objects.filter(product=own_product).exists()
