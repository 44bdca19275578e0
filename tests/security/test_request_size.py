"""Oversize bodies are refused with 413 before anything reads them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(REQUEST_MAX_BODY_BYTES=10_000)
def test_a_body_above_the_limit_is_413_and_registers_nobody(client):
    response = client.post(
        "/accounts/register/",
        {"email": "big@example.com", "password1": "x" * 20_000, "password2": "x"},
    )
    assert response.status_code == 413
    assert get_user_model().objects.count() == 0


@override_settings(REQUEST_MAX_BODY_BYTES=10_000, UPLOAD_MAX_BODY_BYTES=100_000)
def test_upload_paths_get_the_larger_limit(admin_client):
    small_upload = SimpleUploadedFile("a.csv", b"x" * 50_000)
    response = admin_client.post("/dashboard/catalogue/", {"file": small_upload})
    assert response.status_code != 413
    big_upload = SimpleUploadedFile("a.csv", b"x" * 200_000)
    assert admin_client.post("/dashboard/catalogue/", {"file": big_upload}).status_code == 413


def test_django_refuses_more_form_data_than_configured(client, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    settings.REQUEST_MAX_BODY_BYTES = 10 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/register/", {"email": "x" * 5000})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/search/?q=%00", "/search/?a%00=1", "/catalogue/?q=batik%00"])
def test_a_nul_character_in_the_url_is_refused_before_any_query(client, url):
    assert client.get(url).status_code == 400
