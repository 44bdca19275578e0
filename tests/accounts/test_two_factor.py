"""The optional TOTP second factor: enrolment, enforcement on dashboards and admin."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.audit.models import AuditEvent
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"


def code(device, steps_ahead=0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` periods later)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0 - steps_ahead * device.step, device.digits)
    return f"{value:06d}"


def sign_in(client, email):
    response = client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302


@pytest.fixture
def manager(db):
    user = UserFactory(email="manager@example.com")
    CentreFactory().managers.add(user)
    return user


def enrol(client, user):
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/two-factor/", {"token": code(device)})
    assert response.status_code == 302
    return TOTPDevice.objects.get(user=user, confirmed=True)


def test_a_centre_manager_turns_it_on_with_the_qr_code_and_a_code(client, manager):
    sign_in(client, manager.email)
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert "otpauth://totp/" in device.config_url
    assert secret in device.config_url
    response = client.post("/accounts/two-factor/", {"token": code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=manager).confirmed is True
    event = AuditEvent.objects.get(action=AuditEvent.Action.SECOND_FACTOR_CHANGED)
    assert (event.actor_id, event.after) == (manager.pk, {"second_factor": True})


def test_a_wrong_code_turns_nothing_on(client, manager):
    sign_in(client, manager.email)
    client.get("/accounts/two-factor/")
    response = client.post("/accounts/two-factor/", {"token": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_after_turning_it_on_the_dashboard_asks_for_the_code_on_the_next_sign_in(manager, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would delay the right one
    first = Client()
    sign_in(first, manager.email)
    device = enrol(first, manager)

    second = Client()
    sign_in(second, manager.email)
    response = second.get("/dashboard/audit/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/verify/?next=%2Fdashboard%2Faudit%2F"
    assert second.get("/admin/").status_code == 302
    wrong = second.post(
        "/accounts/two-factor/verify/", {"token": "123456", "next": "/dashboard/audit/"}
    )
    assert wrong.status_code == 200
    right = second.post(
        "/accounts/two-factor/verify/",
        {"token": code(device, steps_ahead=1), "next": "/dashboard/audit/"},
    )
    assert right.status_code == 302
    assert right["Location"] == "/dashboard/audit/"
    assert second.get("/dashboard/audit/").status_code == 200
    # The storefront never asks.
    assert Client().get("/").status_code == 200


def test_the_verify_page_does_not_redirect_off_site(client, manager):
    sign_in(client, manager.email)
    device = enrol(client, manager)
    client.logout()
    sign_in(client, manager.email)
    response = client.post(
        "/accounts/two-factor/verify/",
        {"token": code(device, steps_ahead=1), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/dashboard/"


def test_users_without_it_are_not_asked(admin_client):
    assert admin_client.get("/dashboard/").status_code == 200


def test_turning_it_off_needs_a_current_code(client, manager, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    sign_in(client, manager.email)
    device = enrol(client, manager)
    assert client.post("/accounts/two-factor/", {"token": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=manager, confirmed=True).exists()
    response = client.post("/accounts/two-factor/", {"token": code(device, steps_ahead=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_buyers_have_no_second_factor_page(client):
    UserFactory(email="buyer@example.com")
    sign_in(client, "buyer@example.com")
    assert client.get("/accounts/two-factor/").status_code == 403
    assert not TOTPDevice.objects.exists()


def test_after_a_wrong_code_even_the_right_one_waits(client, manager):
    """django-otp's throttling: each failure doubles the wait before the next try."""
    sign_in(client, manager.email)
    device = enrol(client, manager)
    client.logout()
    sign_in(client, manager.email)
    client.post("/accounts/two-factor/verify/", {"token": "000000"})
    response = client.post("/accounts/two-factor/verify/", {"token": code(device, 1)})
    assert response.status_code == 200
    assert client.get("/dashboard/").status_code == 302
