"""QR codes for trace URLs (segno: pure Python, SVG and PNG without Pillow)."""

import io

import segno
from django.conf import settings
from django.urls import reverse

# Medium error correction survives a creased or slightly dirty hang-tag while keeping
# the code small; a four-module quiet zone is what scanners expect.
ERROR_CORRECTION = "m"
BORDER = 4


def trace_url(request, code: str, name: str = "trace:detail") -> str:
    """The absolute URL for a trace route, on the public host when one is configured.

    ``PUBLIC_BASE_URL`` pins the host printed into QR codes, so a tag printed from an
    internal or staging address still points at the public shop.
    """
    path = reverse(name, kwargs={"code": code})
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path)


def make_qr(data: str) -> segno.QRCode:
    return segno.make(data, error=ERROR_CORRECTION, micro=False)


def qr_svg(data: str, *, scale: int = 8, title: str = "") -> bytes:
    buffer = io.BytesIO()
    make_qr(data).save(
        buffer, kind="svg", scale=scale, border=BORDER, xmldecl=True, title=title or None
    )
    return buffer.getvalue()


def qr_png(data: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    make_qr(data).save(buffer, kind="png", scale=scale, border=BORDER)
    return buffer.getvalue()


def qr_svg_inline(data: str, *, scale: int = 3) -> str:
    """An ``<svg>`` element to embed in HTML (hang-tags: no request per tag)."""
    return make_qr(data).svg_inline(scale=scale, border=BORDER, omitsize=True)
