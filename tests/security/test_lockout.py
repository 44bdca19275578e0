"""Login lockout (django-axes) on Oscar's sign-in page, its dashboard login and admin."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def oscar_login(client, email, password, ip="10.1.1.1"):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


def test_five_failures_lock_the_account_for_that_client_even_with_the_right_password():
    user = UserFactory(email="ani@example.com")
    client = Client()
    for _ in range(4):
        assert oscar_login(client, "ani@example.com", "wrong").status_code == 200
    # The fifth failure is refused, and so is the right password after it.
    assert oscar_login(client, "ani@example.com", "wrong").status_code == 429
    response = oscar_login(client, "ani@example.com", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "ani@example.com",
        "10.1.1.1",
        6,
    )
    assert user.pk  # the user exists, and still could not sign in


def test_lockout_message_is_in_indonesian_by_default_and_english_when_chosen():
    UserFactory(email="budi@example.com")
    client = Client()
    for _ in range(5):
        oscar_login(client, "budi@example.com", "wrong")
    indonesian = oscar_login(client, "budi@example.com", PASSWORD).content.decode()
    assert "Masuk diblokir sementara" in indonesian
    assert "tunggu 15 menit" in indonesian
    client.cookies["django_language"] = "en"
    english = oscar_login(client, "budi@example.com", PASSWORD).content.decode()
    assert "Sign-in temporarily blocked" in english
    assert "please wait 15 minutes before trying again" in english
    translation.activate("id")


def test_login_names_are_counted_case_insensitively():
    UserFactory(email="citra@example.com")
    client = Client()
    for name in ["Citra@Example.com", "CITRA@example.com", "citra@example.com "] * 2:
        oscar_login(client, name, "wrong")
    assert oscar_login(client, "citra@example.com", PASSWORD).status_code == 429


def test_a_lockout_holds_only_for_that_client_address():
    UserFactory(email="dewi@example.com")
    attacker = Client()
    for _ in range(5):
        oscar_login(attacker, "dewi@example.com", "wrong", ip="10.9.9.9")
    owner = Client()
    response = oscar_login(owner, "dewi@example.com", PASSWORD, ip="10.2.2.2")
    assert response.status_code == 302
    assert owner.session["_auth_user_id"]


def test_a_successful_login_resets_the_failure_count():
    UserFactory(email="eka@example.com")
    client = Client()
    for _ in range(4):
        oscar_login(client, "eka@example.com", "wrong")
    assert oscar_login(client, "eka@example.com", PASSWORD).status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_django_admin_login_locks_out_too():
    UserFactory(username="admin1", email="admin1@example.com", is_staff=True, is_superuser=True)
    client = Client()
    for expected in [200, 200, 200, 200, 429]:
        response = client.post(
            "/admin/login/", {"username": "admin1", "password": "wrong"}, REMOTE_ADDR="10.3.3.3"
        )
        assert response.status_code == expected
    response = client.post(
        "/admin/login/", {"username": "admin1", "password": PASSWORD}, REMOTE_ADDR="10.3.3.3"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_code_that_authenticates_without_a_request_is_not_locked_out():
    """client.login (tests, the shell) brings no request and has no client to lock."""
    UserFactory(email="fajar@example.com")
    assert Client().login(username="fajar@example.com", password=PASSWORD)
