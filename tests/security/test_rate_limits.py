"""Rate limits: 429 with Retry-After, from the shared cache, and nothing changed."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from oscar.core.loading import get_model

from marketplace.security.ratelimit import Rule, hit, parse_rate, rate_limit
from tests.factories import ProductFactory, UserFactory

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
User = get_user_model()

pytestmark = pytest.mark.django_db


def rules(**overrides):
    """The real rules with some rates lowered so a test needs few requests."""
    from django.conf import settings

    merged = {name: dict(conf) for name, conf in settings.RATE_LIMITS.items()}
    for name, rate in overrides.items():
        merged[name.replace("_", "-")]["rate"] = rate
    return override_settings(RATE_LIMITS=merged)


def test_parse_rate():
    assert parse_rate("30/m") == (30, 60)
    assert parse_rate("20/10m") == (20, 600)
    assert parse_rate("5/h") == (5, 3600)
    with pytest.raises(ValueError):
        parse_rate("often")


def test_basket_add_over_the_limit_is_429_and_leaves_the_basket_as_it_was(client):
    product = ProductFactory()
    with rules(basket_add="2/m"):
        for _ in range(2):
            response = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
            assert response.status_code == 302
        lines_before = list(Line.objects.values_list("product_id", "quantity"))
        response = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert (
        list(Line.objects.values_list("product_id", "quantity"))
        == lines_before
        == [(product.pk, 2)]
    )


def test_password_reset_over_the_limit_sends_no_email(client):
    UserFactory(email="gita@example.com")
    with rules(password_reset="1/h"):
        assert client.post("/password-reset/", {"email": "gita@example.com"}).status_code == 302
        response = client.post("/password-reset/", {"email": "gita@example.com"})
    assert response.status_code == 429
    assert len(mail.outbox) == 1


def test_registration_over_the_limit_creates_no_user(client):
    def register(n):
        return client.post(
            "/accounts/register/",
            {
                "email": f"new{n}@example.com",
                "password1": "a-Long-unusual-passphrase-9",
                "password2": "a-Long-unusual-passphrase-9",
            },
        )

    with rules(register="1/h"):
        assert register(1).status_code == 302
        client.logout()
        response = register(2)
    assert response.status_code == 429
    assert list(User.objects.values_list("email", flat=True)) == ["new1@example.com"]


def test_login_posts_over_the_limit_are_refused_before_authentication(client):
    UserFactory(email="hana@example.com")
    data = {"login-username": "hana@example.com", "login-password": "x", "login_submit": "1"}
    with rules(login="3/10m"):
        for _ in range(3):
            assert client.post("/accounts/login/", data).status_code == 200
        response = client.post("/accounts/login/", data)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600


def test_search_is_limited_per_client_ip(client):
    with rules(search="2/m"):
        for _ in range(2):
            assert client.get("/search/", {"q": "batik"}, REMOTE_ADDR="10.0.0.1").status_code == 200
        assert client.get("/search/", {"q": "batik"}, REMOTE_ADDR="10.0.0.1").status_code == 429
        assert client.get("/search/", {"q": "batik"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_message_is_english_for_english_visitors(client):
    client.cookies["django_language"] = "en"
    with rules(search="1/m"):
        client.get("/search/", {"q": "a"})
        response = client.get("/search/", {"q": "a"})
    assert response.status_code == 429
    assert "Too many requests. Please wait" in response.content.decode()


def test_json_endpoints_get_a_json_429():
    factory = RequestFactory()

    @rate_limit("trace-json")
    def trace_json(request, code):
        return HttpResponse("{}", content_type="application/json")

    with rules(trace_json="1/m"):
        assert trace_json(factory.get("/t/ABC.json"), "ABC").status_code == 200
        response = trace_json(factory.get("/t/ABC.json"), "ABC")
    assert response.status_code == 429
    assert json.loads(response.content)["error"] == "rate_limited"
    assert response["Retry-After"]


def test_decorated_views_count_only_their_rule_methods():
    factory = RequestFactory()

    @rate_limit("basket-add")
    def view(request):
        return HttpResponse("ok")

    with rules(basket_add="1/m"):
        for _ in range(3):
            assert view(factory.get("/anything/")).status_code == 200
        assert view(factory.post("/anything/")).status_code == 200
        assert view(factory.post("/anything/")).status_code == 429


def test_counters_are_per_window():
    rule = Rule(name="t", limit=1, window=60)
    assert hit(rule, "ip", now=1_000_020.0) is None
    assert hit(rule, "ip", now=1_000_030.0) == 50  # seconds until the window ends
    assert hit(rule, "ip", now=1_000_081.0) is None  # next window


def test_limits_can_be_switched_off(client):
    with rules(search="1/m"), override_settings(RATE_LIMITS_ENABLED=False):
        for _ in range(3):
            assert client.get("/search/", {"q": "a"}).status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address(client):
    with rules(search="1/m"):
        headers = {"HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.5", "REMOTE_ADDR": "10.0.0.9"}
        assert client.get("/search/", {"q": "a"}, **headers).status_code == 200
        # The client cannot escape its limit by writing another address on the left.
        headers["HTTP_X_FORWARDED_FOR"] = "8.8.8.8, 203.0.113.5"
        assert client.get("/search/", {"q": "a"}, **headers).status_code == 429
