"""Upload checks and cleaning: what is refused (and what it says), what is stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms

from marketplace.media.fields import ImageUploadField
from marketplace.media.images import sanitise_upload, validate_image_upload
from tests.media.samples import (
    RED,
    has_gps,
    image_of,
    phone_photo,
    plain_image,
    png_claiming_size,
)

ACCEPTED = "Upload a JPEG, PNG or WebP photo."


def _truncated_jpeg() -> bytes:
    data = phone_photo(size=(256, 256))
    return data[: len(data) // 2]


REFUSALS = {
    "text file named .jpg": (
        "photo.jpg",
        lambda: b"Just some notes about the batik, not a photo.\n",
        f"This file is not an image we can read. {ACCEPTED}",
    ),
    "GIF": (
        "motif.gif",
        lambda: plain_image(image_format="GIF"),
        f"GIF images are not accepted. {ACCEPTED}",
    ),
    "GIF named .jpg": (
        "motif.jpg",
        lambda: plain_image(image_format="GIF"),
        f"GIF images are not accepted. {ACCEPTED}",
    ),
    "BMP": (
        "scan.bmp",
        lambda: plain_image(image_format="BMP"),
        f"BMP images are not accepted. {ACCEPTED}",
    ),
    "TIFF": (
        "scan.tif",
        lambda: plain_image(image_format="TIFF"),
        f"TIFF images are not accepted. {ACCEPTED}",
    ),
    "iPhone HEIC": (
        "IMG_0001.HEIC",
        lambda: b"\x00\x00\x00\x18ftypheic" + bytes(64),
        f"HEIC images are not accepted. {ACCEPTED}",
    ),
    "SVG": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        f"SVG images are not accepted. {ACCEPTED}",
    ),
    "48 megapixels": (
        "huge.png",
        lambda: png_claiming_size(8000, 6000),
        "This image is 8000 × 6000 pixels (48 megapixels); the largest accepted is "
        "40 megapixels. Make the photo smaller.",
    ),
    "decompression bomb": (
        "bomb.png",
        lambda: png_claiming_size(50_000, 50_000),
        "This image has far too many pixels; the largest accepted is 40 megapixels. "
        "Make the photo smaller.",
    ),
    "12 MB file": (
        "big.jpg",
        lambda: b"\xff\xd8\xff" + bytes(12 * 1024 * 1024),
        "This file is 12.0\xa0MB; the largest image accepted is 10.0\xa0MB. "
        "Make the photo smaller and upload it again.",
    ),
    "truncated JPEG": (
        "cut.jpg",
        _truncated_jpeg,
        "This image is damaged or incomplete. Save or export it again and upload the new file.",
    ),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_form_field_refuses_with_a_message_saying_why(case):
    name, payload, message = case
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        ImageUploadField().clean(SimpleUploadedFile(name, payload(), "image/jpeg"))
    assert refused.value.messages == [message]


def test_limits_come_from_settings(settings):
    settings.MEDIA_IMAGE_MAX_PIXELS = 2_000_000
    settings.MEDIA_IMAGE_MAX_BYTES = 1_000
    field = ImageUploadField()
    with translation.override("en"):
        with pytest.raises(ValidationError) as too_many_pixels:
            field.clean(SimpleUploadedFile("a.png", png_claiming_size(2000, 1500)))
        with pytest.raises(ValidationError) as too_large:
            field.clean(SimpleUploadedFile("b.png", plain_image(image_format="PNG") + bytes(2_000)))
    assert too_many_pixels.value.messages == [
        "This image is 2000 × 1500 pixels (3 megapixels); the largest accepted is "
        "2 megapixels. Make the photo smaller."
    ]
    assert too_large.value.code == "too_large"


@pytest.mark.parametrize(
    ("upload_name", "image_format", "stored_name"),
    [
        ("IMG_0001.JPG", "JPEG", "IMG_0001.jpg"),
        ("kain.png", "PNG", "kain.png"),
        ("kain.webp", "WEBP", "kain.webp"),
        ("looks-like.jpg", "PNG", "looks-like.png"),  # the content decides the extension
    ],
)
def test_real_jpeg_png_and_webp_are_accepted_and_named_by_their_content(
    upload_name, image_format, stored_name
):
    clean = ImageUploadField().clean(
        SimpleUploadedFile(upload_name, plain_image(image_format=image_format))
    )
    assert clean.name == stored_name
    assert image_of(clean.read()).format == image_format


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP", "PNG"])
def test_gps_camera_and_xmp_metadata_are_gone(image_format):
    original = phone_photo(image_format=image_format)
    assert has_gps(image_of(original))  # the sample really carries a position

    clean = sanitise_upload(SimpleUploadedFile("phone.jpg", original)).read()

    stored = image_of(clean)
    assert has_gps(stored) is False
    assert dict(stored.getexif()) == {}
    assert "xmp" not in stored.info
    for trace in (b"Exif", b"xmpmeta", b"PhoneMaker", b"GPSLatitude"):
        assert trace not in clean


def test_orientation_is_applied_before_the_metadata_goes():
    clean = image_of(sanitise_upload(SimpleUploadedFile("p.jpg", phone_photo((64, 32), 6))).read())
    assert clean.size == (32, 64)
    top, bottom = clean.getpixel((16, 8)), clean.getpixel((16, 56))
    assert top[0] > 150 and top[2] < 100  # red on top, as the phone showed it
    assert bottom[2] > 150 and bottom[0] < 100


def test_png_transparency_survives_cleaning():
    source = plain_image((10, 10), "PNG", mode="RGBA", color=(0, 128, 0, 0))
    clean = image_of(sanitise_upload(SimpleUploadedFile("t.png", source)).read())
    assert clean.mode == "RGBA"
    assert clean.getpixel((5, 5))[3] == 0


def test_colour_profile_survives_cleaning():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), RED).save(buffer, "JPEG", icc_profile=profile)
    clean = image_of(sanitise_upload(SimpleUploadedFile("c.jpg", buffer.getvalue())).read())
    assert clean.info["icc_profile"] == profile


def test_the_validator_refuses_like_the_field_and_leaves_good_files_rewound():
    good = SimpleUploadedFile("ok.png", plain_image())
    validate_image_upload(good)
    assert good.tell() == 0
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(SimpleUploadedFile("a.png", plain_image(image_format="GIF")))
    assert refused.value.code == "unsupported_format"


def test_an_indonesian_reader_is_told_why_in_indonesian():
    with translation.override("id"):
        with pytest.raises(ValidationError) as refused:
            ImageUploadField().clean(
                SimpleUploadedFile("a.gif", b"GIF89a" + bytes(64), "image/gif")
            )
        assert refused.value.messages == [
            "Gambar GIF tidak diterima. Unggah foto JPEG, PNG, atau WebP."
        ]
