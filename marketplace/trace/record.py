"""A piece's trace record as plain data: the JSON twin of its trace page.

Shaped so it can later map onto a digital product passport (EU ESPR / UN Transparency
Protocol): an identifier that is a resolvable URL, the product, where and when it was
made and by whom (facility, makers), its materials and process, and conformity claims
(certificates) with their verification status. Codes are stable machine values; every
human-readable text comes in both languages (``{"id": ..., "en": ...}``) so the record
does not depend on who asked for it.
"""

from django.utils import timezone, translation

from catalogue_ext.models import DOMESTIC_MIN_TKDN, DOMESTIC_MIN_TKDN_PLUS_BMP, Certificate
from catalogue_ext.structure import category_label
from marketplace.core.choices import Dye, Fabric, MakerRole, Technique
from marketplace.core.i18n import localized

SCHEMA = "batik-nusantara/trace-record"
SCHEMA_VERSION = 1
LANGUAGE_CODES = ("id", "en")


def _both(get) -> dict:
    """``get()`` evaluated once per language: ``{"id": ..., "en": ...}``."""
    result = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            result[code] = str(get())
    return result


def _localized_both(obj, field: str) -> dict:
    return _both(lambda: localized(obj, field))


def _choice(choices, value: str) -> dict | None:
    if not value:
        return None
    return {"code": value, "label": _both(lambda: choices(value).label)}


def _number(value):
    return None if value is None else float(value)


def _date(value):
    return value.isoformat() if value else None


def _certificate(certificate: Certificate) -> dict:
    return {
        "kind": certificate.kind,
        "label": _both(lambda: certificate.get_kind_display()),
        "number": certificate.number,
        "issuer": certificate.issuer or None,
        "issued_on": _date(certificate.issued_on),
        "expires_on": _date(certificate.expires_on),
        "technique": certificate.technique or None,
        "tkdn_percent": _number(certificate.tkdn_percent),
        "bmp_percent": _number(certificate.bmp_percent),
        "status": certificate.status,
        "verified": certificate.is_trusted_on(timezone.localdate()),
        "verified_at": certificate.verified_at.isoformat() if certificate.verified_at else None,
    }


def trace_record(product, *, urls: dict) -> dict:
    """The record for ``product`` (fetched with ``selectors.product_for_trace``).

    ``urls`` holds absolute URLs: ``trace``, ``json``, ``qr_svg``, ``qr_png``, and
    ``product``/``image`` (None when the piece is not in the shop or has no photo).
    """
    centre = product.centre
    artisan = product.artisan
    domestic = product.verified_tkdn_certificate
    technique = product.technique
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": urls["trace"],
        "trace_code": product.trace_code,
        # A hand-drawn piece is one of a kind; other techniques make small batches.
        "granularity": "item" if technique == Technique.TULIS else "batch",
        "product": {
            "name": product.title,
            "description": _localized_both(product, "description"),
            "categories": [
                {"slug": category.slug, "name": _both(lambda c=category: category_label(c))}
                for category in product.categories.all()
            ],
            "url": urls.get("product"),
            "image": urls.get("image"),
            "hs_code": product.hs_code or None,
            "production_date": _date(product.made_on),
            "country_of_production": "ID",
            "dimensions": {
                "length_cm": _number(product.length_cm),
                "width_cm": _number(product.width_cm),
                "height_cm": _number(product.height_cm),
                "net_weight_g": product.net_weight_grams,
                "gross_weight_g": product.gross_weight_grams,
            },
        },
        "process": {
            "technique": None
            if not technique
            else {
                "code": technique,
                "label": _both(lambda: Technique(technique).label),
                "is_batik": product.is_batik,
                "standard": product.technique_sni or None,
                "explanation": _both(lambda: product.technique_explanation),
            },
            "dye": _choice(Dye, product.dye),
            "fabric": _choice(Fabric, product.fabric),
            "motif": None
            if product.motif is None
            else {
                "name": product.motif.name,
                "region": product.motif.region,
                "hki_number": product.motif.hki_number or None,
                "story": _localized_both(product.motif, "story"),
            },
        },
        "seller": {
            "name": artisan.name,
            "workshop": artisan.workshop_name or None,
            "url": urls.get("artisan"),
        },
        "makers": [
            {
                "name": maker.artisan.name,
                "role": _choice(MakerRole, maker.role),
            }
            for maker in product.makers.all()
        ],
        "facility": {
            "name": centre.name,
            "url": urls.get("centre"),
            "address": {
                "street": centre.street_address or None,
                "village": centre.village or None,
                "district": centre.district or None,
                "city": centre.city,
                "province": centre.province,
                "country": "ID",
            },
            "geo": None
            if centre.latitude is None or centre.longitude is None
            else {"latitude": float(centre.latitude), "longitude": float(centre.longitude)},
        },
        "certificates": [_certificate(c) for c in product.certificates.all()],
        "domestic_product": {
            "qualifies": product.is_domestic_product,
            "rule": (
                f"Perpres 46/2025: TKDN >= {DOMESTIC_MIN_TKDN}% and TKDN + BMP >= "
                f"{DOMESTIC_MIN_TKDN_PLUS_BMP}%, from a verified, unexpired TKDN certificate"
            ),
            "certificate_number": domestic.number if domestic else None,
            "tkdn_percent": _number(domestic.tkdn_percent) if domestic else None,
            "bmp_percent": _number(domestic.bmp_percent) if domestic else None,
        },
        "links": {
            "html": urls["trace"],
            "json": urls["json"],
            "qr_svg": urls["qr_svg"],
            "qr_png": urls["qr_png"],
        },
    }
