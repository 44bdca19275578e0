"""Renditions: the copies of an image the shop shows, made once when it is stored.

Every stored image gets a square crop for lists (``thumb``, 300×300: shown at 150 CSS
pixels, so sharp on 2× screens) and a copy for product pages (``medium``, within
800×800), each twice: WebP for browsers that take it (a ``<picture>`` source) and a
fallback in the original's kind (PNG for PNGs, so transparency survives; JPEG
otherwise). Nothing is ever upscaled.

Names follow from the original's name and the rendition's geometry alone, e.g.
``renditions/images/products/2026/01/kain.jpg/thumb-300x300c.webp``. A template builds
the URL without touching storage or the database, so a list page costs the same with 1
image or 100; a changed geometry gives new names, so stored copies can be cached by
browsers for good.

Renditions are made by a task (``marketplace.media.tasks.make_renditions``) queued when
the original is stored. Until it has run, the original is marked *pending* in the
cache and ``rendition_for`` gives the original's URL instead, so a page never points
at a copy that does not exist yet. That check is one cache read per image shown.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.templatetags.static import static
from PIL import Image

from .images import open_checked, upright_without_metadata

logger = logging.getLogger(__name__)

RENDITION_ROOT = "renditions"
#: Oscar's own "no image yet" picture, served as a static file.
PLACEHOLDER_STATIC = "oscar/img/image_not_found.jpg"

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ENCODE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


@dataclass(frozen=True)
class Spec:
    label: str
    width: int
    height: int
    crop: bool

    @property
    def geometry(self) -> str:
        return f"{self.width}x{self.height}{'c' if self.crop else ''}"


THUMB = Spec("thumb", 300, 300, crop=True)
MEDIUM = Spec("medium", 800, 800, crop=False)
SPECS = {spec.label: spec for spec in (THUMB, MEDIUM)}


def fallback_format(original_name: str) -> str:
    """The non-WebP format of an original's renditions, read from its name alone."""
    return "PNG" if os.path.splitext(original_name)[1].lower() == ".png" else "JPEG"


def rendition_name(original_name: str, spec: Spec, image_format: str) -> str:
    return (
        f"{RENDITION_ROOT}/{original_name}/{spec.label}-{spec.geometry}.{EXTENSIONS[image_format]}"
    )


def rendition_names(original_name: str) -> list[str]:
    formats = (fallback_format(original_name), "WEBP")
    return [rendition_name(original_name, s, f) for s in SPECS.values() for f in formats]


@dataclass(frozen=True)
class Rendition:
    """What a template needs to show one rendition: the fallback URL and the WebP one."""

    url: str
    webp_url: str = ""
    #: Oscar's "no image" picture, or the original while its renditions are being made.
    is_placeholder: bool = False
    is_original: bool = False


#: How long an original counts as pending at most (a worker backlog, a failed task);
#: after that its rendition URLs are used, and ``build_renditions`` fills any gap.
PENDING_SECONDS = 6 * 60 * 60


def _pending_key(original_name: str) -> str:
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:32]
    return f"media:renditions-pending:{digest}"


def renditions_made_inline() -> bool:
    """Whether uploads make their renditions before ``save`` returns: when tasks run
    eagerly, and when the cache is not shared (no ``REDIS_URL``), where a worker could
    not tell the web processes that a photo's renditions are done. Then nothing is ever
    pending, and pages need not ask the cache per image."""
    return settings.CELERY_TASK_ALWAYS_EAGER or not settings.REDIS_URL


def mark_pending(original_name: str) -> None:
    """Show ``original_name`` itself until its renditions are stored."""
    cache.set(_pending_key(original_name), True, PENDING_SECONDS)


def clear_pending(original_name: str) -> None:
    cache.delete(_pending_key(original_name))


def is_pending(original_name: str) -> bool:
    return bool(cache.get(_pending_key(original_name)))


def rendition_for(source, label: str) -> Rendition:
    """The URLs of ``source``'s rendition ``label``, or Oscar's placeholder picture.

    ``source`` is an image field's file (``product_image.original``); anything else
    (Oscar's "missing image" stand-in, an empty field) gives the placeholder. While the
    renditions are still being made (by a worker), the original's own URL. Computes
    names, and with a worker reads one cache key: no storage or database access (an S3
    URL is signed locally).
    """
    try:
        spec = SPECS[label]
    except KeyError:
        raise ValueError(f"Unknown rendition {label!r}; known: {', '.join(SPECS)}") from None
    if not isinstance(source, FieldFile) or not source.name:
        return Rendition(url=static(PLACEHOLDER_STATIC), is_placeholder=True)
    name, storage = source.name, source.storage
    if not renditions_made_inline() and is_pending(name):
        return Rendition(url=storage.url(name), is_original=True)
    return Rendition(
        url=storage.url(rendition_name(name, spec, fallback_format(name))),
        webp_url=storage.url(rendition_name(name, spec, "WEBP")),
    )


def _prepared(image: Image.Image) -> Image.Image:
    """``image`` in RGB, or RGBA when it has transparency (resizing needs either)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode == mode:
        return image
    if image.mode.startswith("I"):  # 16/32-bit greyscale: scale down to 8 bits first
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert(mode)


def _resized(image: Image.Image, spec: Spec) -> Image.Image:
    width, height = image.size
    if not spec.crop:
        copy = image.copy()
        copy.thumbnail((spec.width, spec.height), Image.Resampling.LANCZOS)
        return copy
    # Centre crop to the box's shape, scaled down to the box (never up).
    factor = min(1.0, width / spec.width, height / spec.height)
    out_w, out_h = max(1, round(spec.width * factor)), max(1, round(spec.height * factor))
    ratio = out_w / out_h
    if width / height > ratio:
        box_w = height * ratio
        box = ((width - box_w) / 2, 0, (width + box_w) / 2, height)
    else:
        box_h = width / ratio
        box = (0, (height - box_h) / 2, width, (height + box_h) / 2)
    return image.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _encoded(image: Image.Image, image_format: str, icc_profile: bytes | None) -> bytes:
    if image_format == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    options = dict(ENCODE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _store(storage: Storage, name: str, content: bytes) -> None:
    # Names are fixed, so a stale copy (from a removed original) is replaced, not kept
    # beside the new one under a suffixed name no template would ask for.
    if storage.exists(name):
        storage.delete(name)
    stored = storage.save(name, ContentFile(content))
    if stored != name:
        logger.warning("Rendition %s was stored as %s (concurrent write?)", name, stored)


def save_renditions(
    image: Image.Image, original_name: str, storage: Storage, *, icc_profile: bytes | None = None
) -> list[str]:
    """Make and store every rendition of ``image``, stored as ``original_name``.

    ``image`` must already be upright and decoded (``SanitisedImage.image``). Returns
    the names written.
    """
    prepared = _prepared(image)
    formats = (fallback_format(original_name), "WEBP")
    written = []
    for spec in SPECS.values():
        resized = _resized(prepared, spec)
        for image_format in formats:
            name = rendition_name(original_name, spec, image_format)
            _store(storage, name, _encoded(resized, image_format, icc_profile))
            written.append(name)
    return written


def renditions_exist(original_name: str, storage: Storage) -> bool:
    return all(storage.exists(name) for name in rendition_names(original_name))


def rebuild_renditions(original_name: str, storage: Storage) -> list[str]:
    """Make the renditions of an already stored original (checked like an upload)."""
    with storage.open(original_name, "rb") as stored:
        image = open_checked(stored)
        icc_profile = image.info.get("icc_profile")
        upright = upright_without_metadata(image)
    return save_renditions(upright, original_name, storage, icc_profile=icc_profile)


def delete_renditions(original_name: str, storage: Storage) -> None:
    for name in rendition_names(original_name):
        storage.delete(name)
