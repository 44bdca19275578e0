"""Sign-in hygiene: other sessions end on a password change; weak passwords refused."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def signed_in(email):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302
    return client


def test_changing_the_password_ends_every_other_session_and_keeps_this_one():
    UserFactory(email="ina@example.com")
    laptop, phone = signed_in("ina@example.com"), signed_in("ina@example.com")
    response = laptop.post(
        "/accounts/change-password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-long-passphrase-42",
            "new_password2": "Another-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/accounts/profile/").status_code == 200
    stale = phone.get("/accounts/profile/")
    assert stale.status_code == 302
    assert stale["Location"].startswith("/accounts/login/")


def test_a_password_reset_ends_every_session():
    user = UserFactory(email="joko@example.com")
    phone = signed_in("joko@example.com")
    user.set_password("Reset-by-email-passphrase-7")
    user.save()
    assert phone.get("/accounts/profile/").status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short1", "12345678901", "password123", "jokowidodo@example.com"],
    ids=["too-short", "numeric", "common", "like-the-email"],
)
def test_registration_refuses_weak_passwords(client, password):
    response = client.post(
        "/accounts/register/",
        {"email": "jokowidodo@example.com", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not get_user_model().objects.exists()
