"""Security headers on every page: CSP with this request's nonce, frames, referrer."""

import re

import pytest
from django.test import override_settings

from marketplace.security.csp import _sha256, inline_handler_hashes
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def test_every_inline_script_carries_the_nonce_the_policy_names(client):
    ProductFactory()
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts, "the base template has one inline script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline_scripts)


def test_the_nonce_changes_with_every_response(client):
    first = re.search(r"'nonce-([^']+)'", client.get("/")["Content-Security-Policy"]).group(1)
    second = re.search(r"'nonce-([^']+)'", client.get("/")["Content-Security-Policy"]).group(1)
    assert first != second


def test_the_policy_allows_only_this_site_stripe_and_oscars_known_handlers(client):
    policy = directives(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script
    assert "'unsafe-eval'" not in script
    assert [s for s in script if s.startswith("'sha256-")] == list(inline_handler_hashes())
    assert "https://js.stripe.com" in script
    assert policy["frame-src"] == ["'self'", "https://js.stripe.com", "https://hooks.stripe.com"]
    assert "https://api.stripe.com" in policy["connect-src"]


def test_mini_basket_handler_hash_matches_what_oscar_renders(client):
    html = client.get("/").content.decode()
    handler = re.search(r'onclick="(window\.location\.href=[^"]+)"', html).group(1)
    assert _sha256(handler) in inline_handler_hashes()


@override_settings(
    STRIPE_JS_URL="http://127.0.0.1:54321/js.stripe.com/v3/",
    STRIPE_API_BASE="http://127.0.0.1:54321",
)
def test_stripe_sources_follow_the_stripe_settings_for_localstripe(client):
    policy = directives(client.get("/"))
    assert "http://127.0.0.1:54321" in policy["script-src"]
    assert "http://127.0.0.1:54321" in policy["frame-src"]
    assert "http://127.0.0.1:54321" in policy["connect-src"]
    assert "https://js.stripe.com" not in policy["script-src"]


def test_frame_referrer_and_sniffing_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_dashboard_pages_get_the_policy_too(admin_client):
    response = admin_client.get("/dashboard/")
    assert response.status_code == 200
    assert "'nonce-" in response["Content-Security-Policy"]
