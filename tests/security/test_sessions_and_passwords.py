"""Sign-in hygiene: other sessions end on a password change; weak passwords refused."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
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


def test_a_password_reset_through_the_emailed_link_ends_every_other_session():
    """The whole flow a buyer follows, not just ``set_password``: other devices,
    still signed in with the old password, are signed out."""
    UserFactory(email="rina@example.com")
    phone = signed_in("rina@example.com")
    assert phone.get("/accounts/profile/").status_code == 200

    browser = Client()
    assert browser.post("/password-reset/", {"email": "rina@example.com"}).status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/password-reset/confirm/\S+/)", message.body).group(1)
    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "Reset-by-email-passphrase-7"
    done = browser.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert get_user_model().objects.get(email="rina@example.com").check_password(new_password)
    stale = phone.get("/accounts/profile/")
    assert stale.status_code == 302
    assert stale["Location"].startswith("/accounts/login/")
