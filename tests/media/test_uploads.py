"""Uploads through the app's own pages: Oscar's dashboard (as an artisan) and the admin."""

import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from marketplace.media.renditions import THUMB, rendition_name, rendition_names
from tests.factories import ArtisanFactory, ProductFactory, UserFactory, artisan_user
from tests.media.samples import has_gps, image_of, phone_photo, upload_product_photo

pytestmark = pytest.mark.django_db


def stored_files() -> set[str]:
    found = set()
    for root, _dirs, files in os.walk(default_storage.location):
        found.update(
            os.path.relpath(os.path.join(root, f), default_storage.location) for f in files
        )
    return found


@pytest.fixture
def artisan_client(client):
    """Staff uploading an artisan's phone photo through Oscar's product dashboard.

    Oscar's product dashboard is staff-only (artisans use the workshop pages); the
    photo is cleaned by the model field whichever form it comes through.
    """
    product = ProductFactory(title="Kain Surya Majapahit")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.product = product
    return client


def test_artisans_phone_photo_is_stored_upright_without_gps(artisan_client):
    product = artisan_client.product
    photo = phone_photo((640, 480))
    assert has_gps(image_of(photo))

    response = upload_product_photo(artisan_client, product, "IMG_20260105.jpg", photo)

    assert response.status_code == 302
    image = product.images.get()
    with image.original.open("rb") as stored_file:
        stored = image_of(stored_file.read())
    assert (stored.format, stored.size) == ("JPEG", (480, 640))
    assert has_gps(stored) is False
    assert dict(stored.getexif()) == {}
    assert all(default_storage.exists(name) for name in rendition_names(image.original.name))


def test_list_page_shows_the_uploaded_photos_thumbnail(artisan_client):
    upload_product_photo(artisan_client, artisan_client.product, "kain.jpg", phone_photo())
    image = artisan_client.product.images.get()
    html = artisan_client.get(reverse("catalogue:index")).content.decode()
    assert (
        f'<img src="{default_storage.url(rendition_name(image.original.name, THUMB, "JPEG"))}"'
        in html
    )


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("notes.jpg", b"not a photo", "This file is not an image we can read."),
        ("motif.gif", b"GIF89a" + bytes(64), "GIF images are not accepted."),
    ],
)
def test_a_refused_upload_says_why_on_the_form_and_stores_nothing(
    artisan_client, filename, data, message
):
    before = stored_files()
    with translation.override("en"):
        response = upload_product_photo(artisan_client, artisan_client.product, filename, data)

    assert response.status_code == 200  # the form again, with the error
    errors = response.context["image_formset"].forms[0].errors["original"]
    assert errors[0].startswith(message)
    assert message in response.content.decode()
    assert artisan_client.product.images.count() == 0
    assert stored_files() == before


def test_another_artisans_product_photos_cannot_be_changed(client):
    product = ProductFactory()
    client.force_login(artisan_user(ArtisanFactory()))
    before = stored_files()
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    response = client.post(
        url, {"images-0-original": SimpleUploadedFile("x.jpg", phone_photo(), "image/jpeg")}
    )
    # Oscar's product dashboard is staff-only: artisans are refused outright.
    assert response.status_code == 403
    assert product.images.count() == 0
    assert stored_files() == before


def test_admin_artisan_photo_is_cleaned_and_refusals_are_shown(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    artisan = ArtisanFactory()
    url = reverse("admin:centres_artisan_change", args=[artisan.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    post = {
        name: value
        for name in form.fields
        if (value := form[name].value()) not in (None, "") and name != "photo"
    }
    post["techniques"] = '["tulis"]'

    with translation.override("en"):
        refused = client.post(url, {**post, "photo": SimpleUploadedFile("a.jpg", b"text")})
    assert refused.status_code == 200
    assert "This file is not an image we can read." in refused.content.decode()

    accepted = client.post(url, {**post, "photo": SimpleUploadedFile("me.jpg", phone_photo())})
    assert accepted.status_code == 302
    artisan.refresh_from_db()
    with artisan.photo.open("rb") as stored_file:
        assert has_gps(image_of(stored_file.read())) is False
