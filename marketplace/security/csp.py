"""The Content-Security-Policy: django-csp's middleware plus what settings cannot say.

The static policy is ``settings.CONTENT_SECURITY_POLICY``. At response time this
middleware adds:

- Stripe's origins, read from ``STRIPE_JS_URL`` and ``STRIPE_API_BASE`` (script and
  frame sources for Stripe.js, connect source for its API). Pointing those settings
  at localstripe on ``http://127.0.0.1:<port>`` in a test or demo allows it there.
- The exact SHA-256 hashes of the inline event handlers in Oscar's templates
  (``onclick="window.history.go(-1);return false"``...), with ``'unsafe-hashes'``.
  Browsers then run those strings and no other inline handler; a nonce cannot cover
  attributes. Inline <script> blocks need the request's nonce.
"""

import base64
import hashlib
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse

# The onclick/onload values in Oscar 4.2's templates that pages we serve render.
# (forms/widgets/image_input_widget.html builds its handler from an id, so it cannot be
# hashed: its only effect, hiding an upload button once a preview loads, is lost.)
OSCAR_INLINE_HANDLERS = (
    "history.go(-1);return false",  # customer/wishlists/wishlists_form.html
    "window.history.go(-1);return false",  # partials/form.html, dashboard forms
    "window.print()",  # checkout/thank_you.html
    "javascript:history.go(-1);",  # error.html, 500.html
    "window.close();return false;",  # dashboard attribute option group delete popup
)


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def inline_handler_hashes() -> tuple[str, ...]:
    # partials/mini_basket.html: onclick="window.location.href='<basket url>';"
    basket = f"window.location.href='{reverse('basket:summary')}';"
    handlers = [*OSCAR_INLINE_HANDLERS, basket]
    return tuple(_sha256(h) for h in handlers)


def origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def stripe_sources() -> dict[str, list[str]]:
    """Extra sources Stripe.js needs, from the Stripe settings (empty when unset)."""
    js = origin(getattr(settings, "STRIPE_JS_URL", ""))
    api = origin(getattr(settings, "STRIPE_API_BASE", ""))
    extra: dict[str, list[str]] = {"script-src": [], "frame-src": [], "connect-src": []}
    if js:
        extra["script-src"].append(js)
        extra["frame-src"].append(js)
        extra["connect-src"].append(js)
        if js == "https://js.stripe.com":
            # Stripe's hosted 3-D Secure pages and its telemetry endpoint.
            extra["frame-src"].append("https://hooks.stripe.com")
            extra["connect-src"].append("https://q.stripe.com")
    if api:
        extra["connect-src"].append(api)
    return extra


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        update = {}
        for directive, sources in stripe_sources().items():
            if sources:
                update[directive] = sources
        update["script-src"] = [
            *update.get("script-src", []),
            "'unsafe-hashes'",
            *inline_handler_hashes(),
        ]
        if parts.update:  # from django-csp's per-view decorators
            for directive, sources in parts.update.items():
                update[directive] = [*update.get(directive, []), *sources]
        parts.update = update
        return parts
