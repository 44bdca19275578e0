"""Checking and cleaning uploaded images.

Only real JPEG, PNG and WebP images are accepted: the decoded format decides, never the
file name or the browser's content type. The byte size is checked before anything is
read and the pixel count from the header before anything is decoded, so a small file
that would decode to gigabytes (a "decompression bomb") is refused cheaply. A clean
copy is then re-encoded upright (EXIF orientation applied) and without metadata: no
EXIF (GPS position, camera, time), no XMP, no comments. The colour profile is kept.

Limits come from settings, with these defaults:

- ``MEDIA_IMAGE_MAX_BYTES``: 10 MB;
- ``MEDIA_IMAGE_MAX_PIXELS``: 40 megapixels (phone cameras take 12-48 MP; Pillow's own
  bomb guard stops anything above about 179 MP whatever this says).
"""

from __future__ import annotations

import io
import os
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

#: Decoded format → file extension. Pillow is only ever asked to parse these three.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ACCEPT_ATTRIBUTE = ",".join(CONTENT_TYPES.values())

# Re-encoding settings: visually lossless for photos, far smaller than camera output.
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {},
    "WEBP": {"quality": 90, "method": 4},
}

# Magic bytes of formats people commonly try, so the refusal can name them. These are
# compared as bytes only: refused files are never handed to a decoder.
_OTHER_FORMATS = (
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"%PDF", "PDF"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
)

MESSAGES = {
    "too_large": _(
        "This file is %(size)s; the largest image accepted is %(limit)s. "
        "Make the photo smaller and upload it again."
    ),
    "not_an_image": _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo."),
    "unsupported_format": _(
        "%(format)s images are not accepted. Upload a JPEG, PNG or WebP photo."
    ),
    "too_many_pixels": _(
        "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
        "the largest accepted is %(limit)s megapixels. Make the photo smaller."
    ),
    "bomb": _(
        "This image has far too many pixels; the largest accepted is %(limit)s "
        "megapixels. Make the photo smaller."
    ),
    "damaged": _(
        "This image is damaged or incomplete. Save or export it again and upload the new file."
    ),
}


def max_bytes() -> int:
    return int(getattr(settings, "MEDIA_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pixels() -> int:
    return int(getattr(settings, "MEDIA_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".rstrip("0").rstrip(".")


def _refuse(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params)


def _byte_size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def _sniff_other_format(file: IO[bytes]) -> str | None:
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for offset, magic, name in _OTHER_FORMATS:
        if head[offset : offset + len(magic)] == magic:
            return name
    stripped = head.lstrip()
    if stripped.startswith((b"<svg", b"<?xml")):
        return "SVG"
    return None


def open_checked(file: IO[bytes]) -> Image.Image:
    """Open ``file`` as an image after every check, decoded and ready to use.

    Raises ``ValidationError`` (code ``too_large``, ``not_an_image``,
    ``unsupported_format``, ``too_many_pixels``, ``bomb`` or ``damaged``) with a
    message for the person who uploaded it. Order matters: bytes before reading,
    format and pixel count (from the header) before decoding.
    """
    size = _byte_size(file)
    if size > max_bytes():
        raise _refuse("too_large", size=filesizeformat(size), limit=filesizeformat(max_bytes()))

    file.seek(0)
    try:
        image = Image.open(file, formats=list(ACCEPTED_FORMATS))
    except Image.DecompressionBombError as exc:
        raise _refuse("bomb", limit=_megapixels(max_pixels())) from exc
    except UnidentifiedImageError as exc:
        other = _sniff_other_format(file)
        if other:
            raise _refuse("unsupported_format", format=other) from exc
        raise _refuse("not_an_image") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _refuse("damaged") from exc

    width, height = image.size
    if width * height > max_pixels():
        raise _refuse(
            "too_many_pixels",
            width=width,
            height=height,
            megapixels=_megapixels(width * height),
            limit=_megapixels(max_pixels()),
        )
    try:
        image.load()  # full decode: truncated or corrupt data fails here, not later
    except Image.DecompressionBombError as exc:
        raise _refuse("bomb", limit=_megapixels(max_pixels())) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _refuse("damaged") from exc
    return image


def validate_image_upload(file: IO[bytes]) -> None:
    """Validator form: raise ``ValidationError`` unless ``file`` is an acceptable image."""
    open_checked(file)
    file.seek(0)


class SanitisedImage(ContentFile):
    """An image re-encoded upright and without metadata, ready to store.

    ``image`` is the decoded, upright picture (for making renditions without decoding
    again); ``format`` is its Pillow format name, which the name's extension matches;
    ``icc_profile`` is the colour profile it was saved with, if any.
    """

    def __init__(
        self,
        content: bytes,
        *,
        name: str,
        image: Image.Image,
        format: str,
        icc_profile: bytes | None = None,
    ):
        super().__init__(content, name=name)
        self.image = image
        self.format = format
        self.icc_profile = icc_profile
        self.content_type = CONTENT_TYPES[format]


def upright_without_metadata(image: Image.Image) -> Image.Image:
    """A copy of ``image`` turned as its EXIF orientation says, with no metadata left.

    Only palette transparency survives from ``info``: everything else there (EXIF,
    XMP, comments, text chunks) is dropped. The colour profile is passed on
    separately by the caller.
    """
    upright = ImageOps.exif_transpose(image)
    upright.info = {k: v for k, v in image.info.items() if k == "transparency"}
    return upright


def sanitise_upload(file: IO[bytes], *, name: str | None = None) -> SanitisedImage:
    """Check ``file`` and return a clean copy to store in its place.

    The copy is re-encoded in the same format, turned upright, without EXIF (so
    without GPS), XMP or comments, and named after the upload with the extension of
    its real format (``IMG_1.JPG`` holding a PNG becomes ``IMG_1.png``).
    """
    if isinstance(file, SanitisedImage):
        return file
    image = open_checked(file)
    image_format = image.format
    icc_profile = image.info.get("icc_profile")
    clean = upright_without_metadata(image)

    buffer = io.BytesIO()
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    clean.save(buffer, format=image_format, **options)

    base = os.path.basename(name or getattr(file, "name", None) or "image")
    stem = os.path.splitext(base)[0] or "image"
    return SanitisedImage(
        buffer.getvalue(),
        name=f"{stem}.{ACCEPTED_FORMATS[image_format]}",
        image=clean,
        format=image_format,
        icc_profile=icc_profile,
    )
