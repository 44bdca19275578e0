"""Images made in the tests with Pillow (nothing is downloaded), and form helpers."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField
from django.urls import reverse
from PIL import ExifTags, Image

# Kota Mojokerto, roughly: where an artisan's phone would record the photo was taken.
GPS_LATITUDE = (7.0, 28.0, 12.0)
GPS_LONGITUDE = (112.0, 26.0, 2.0)
RED = (220, 20, 20)
BLUE = (20, 20, 220)


def phone_photo(size=(64, 32), orientation=6, image_format="JPEG") -> bytes:
    """A photo as a phone stores it: GPS and camera EXIF, XMP, and an orientation tag.

    The stored pixels are red on the left half and blue on the right. Orientation 6
    means "turn 90° clockwise to view", so upright the red half is on top.
    """
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = GPS_LONGITUDE
    buffer = io.BytesIO()
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<exif:GPSLatitude>7,28.2S</exif:GPSLatitude></x:xmpmeta>"
    )
    image.save(buffer, image_format, exif=exif, xmp=xmp)
    return buffer.getvalue()


def plain_image(size=(40, 30), image_format="PNG", mode="RGB", color=RED) -> bytes:
    image = Image.new(mode, size, color)
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def noisy_jpeg(size=(200, 200)) -> bytes:
    """A JPEG that does not compress to almost nothing (for byte-limit tests)."""
    image = Image.effect_noise(size, 100).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels.

    What a decompression bomb looks like to a checker: a few bytes on disk, an
    enormous picture once decoded. Only the header is rewritten; nothing big is built.
    """
    data = bytearray(plain_image((1, 1), "PNG"))
    # Signature (8) + IHDR length (4) + "IHDR" (4), then width, height, 5 more bytes, CRC.
    ihdr_start = 16
    data[ihdr_start : ihdr_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr_start + 13]))
    data[ihdr_start + 13 : ihdr_start + 17] = struct.pack(">I", crc)
    return bytes(data)


def image_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def has_gps(image: Image.Image) -> bool:
    return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def post_data_from(response) -> dict:
    """The POST data a browser would send back for every form on ``response``'s page.

    Reads the forms (and formsets) in the response context and keeps their current
    values, so a test changes only what it means to change.
    """
    data = {}
    for key in ("form", "image_formset", "category_formset", "stockrecord_formset",
                "recommended_formset"):  # fmt: skip
        item = response.context.get(key)
        if item is None:
            continue
        forms = [item] if not hasattr(item, "management_form") else item.forms
        if hasattr(item, "management_form"):
            for bound in item.management_form:
                data[bound.html_name] = bound.value()
        for form in forms:
            for bound in form:
                value = bound.field.prepare_value(bound.value())  # model instance → pk
                if value is None or value is False or isinstance(bound.field, FileField):
                    continue
                data[bound.html_name] = "on" if value is True else value
                if bound.field.show_hidden_initial:  # rendered as a hidden "initial-" input
                    data[bound.html_initial_name] = data[bound.html_name]
    return data


def upload_product_photo(client, product, filename: str, data: bytes):
    """Post Oscar's dashboard product form with one new photo, as a browser would."""
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form_page = client.get(url)
    assert form_page.status_code == 200
    post = post_data_from(form_page)
    post["images-0-original"] = SimpleUploadedFile(filename, data, "image/jpeg")
    return client.post(url, post)
