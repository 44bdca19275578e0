"""Media in S3: moto in-process for the storage round trip, and moto's HTTP server on
127.0.0.1 for an upload through the dashboard fetched back by its URL. No test here
talks to the internet."""

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto import mock_aws

from marketplace.media.renditions import rendition_names
from marketplace.media.s3 import s3_client_config, s3_media_settings
from tests.factories import ProductFactory, ProductImageFactory, UserFactory
from tests.media.samples import has_gps, image_of, phone_photo, upload_product_photo

BUCKET = "batik-media"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_aws_credentials(monkeypatch):
    """Fake keys, and no shared AWS config: nothing here may reach a real account."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "NO_PROXY": "127.0.0.1,localhost",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_S3_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)


def use_s3_media(settings, **options) -> None:
    """Switch media to S3 exactly as settings.py does when AWS_STORAGE_BUCKET_NAME is set."""
    for name, value in s3_media_settings(bucket_name=BUCKET, **options).items():
        setattr(settings, name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }


def count_s3_requests(storage) -> list:
    """Record every request ``storage``'s client sends from now on."""
    sent = []
    storage.connection.meta.client.meta.events.register(
        "before-send.s3", lambda request, **kwargs: sent.append(request.url)
    )
    return sent


# --- Configuration -----------------------------------------------------------------


def test_custom_endpoint_config_uses_path_style_sigv4_and_checksums_only_when_required():
    config = s3_client_config(endpoint_url="http://127.0.0.1:9000")
    assert config.s3 == {"addressing_style": "path"}
    assert config.signature_version == "s3v4"
    assert config.request_checksum_calculation == "when_required"
    assert config.response_checksum_validation == "when_required"


def test_amazon_s3_config_keeps_amazons_defaults():
    config = s3_client_config(endpoint_url=None)
    assert config.s3 == {"addressing_style": "auto"}
    assert config.signature_version == "s3v4"
    assert config.request_checksum_calculation is None
    assert config.response_checksum_validation is None


def test_settings_switch_media_and_oscar_thumbnails_to_the_bucket_from_the_environment():
    # settings.py is read once per process, so read it afresh in a child process.
    probe = (
        "import django, json; django.setup(); "
        "from django.conf import settings; "
        "from django.core.files.storage import default_storage; "
        "from sorl.thumbnail import default as sorl; "
        "c = settings.AWS_S3_CLIENT_CONFIG; "
        "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], "
        "'bucket': default_storage.bucket_name, 'endpoint': default_storage.endpoint_url, "
        "'region': default_storage.region_name, 'sorl_endpoint': sorl.storage.endpoint_url, "
        "'addressing': c.s3['addressing_style'], 'checksum': c.request_checksum_calculation, "
        "'overwrite': default_storage.file_overwrite}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "backend": "storages.backends.s3.S3Storage",
        "bucket": BUCKET,
        "endpoint": "http://127.0.0.1:9000",
        "region": "us-east-1",
        "sorl_endpoint": "http://127.0.0.1:9000",
        "addressing": "path",
        "checksum": "when_required",
        "overwrite": False,
    }


# --- moto in-process ---------------------------------------------------------------


@pytest.fixture
def mocked_s3(settings, fake_aws_credentials):
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        use_s3_media(settings, region_name="us-east-1")
        yield client


@pytest.mark.django_db
def test_a_photo_round_trips_through_s3_clean_with_its_renditions(mocked_s3):
    image = ProductImageFactory(original=ContentFile(phone_photo((640, 480)), name="kain.jpg"))

    keys = {o["Key"] for o in mocked_s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {image.original.name, *rendition_names(image.original.name)}
    stored = mocked_s3.get_object(Bucket=BUCKET, Key=image.original.name)
    assert stored["ContentType"] == "image/jpeg"
    assert stored["CacheControl"] == "max-age=31536000, immutable"
    photo = image_of(stored["Body"].read())
    assert (photo.size, has_gps(photo)) == ((480, 640), False)
    assert image.original.url.startswith(f"https://{BUCKET}.s3.amazonaws.com/images/products/")


@pytest.mark.django_db
def test_catalogue_list_sends_no_request_to_s3(client, mocked_s3):
    for _ in range(3):
        ProductImageFactory()
    sent = count_s3_requests(default_storage)
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    assert response.content.decode().count(f"https://{BUCKET}.s3.amazonaws.com/renditions/") == 6
    assert sent == []  # URLs are signed locally; no HEAD, no GET per image


# --- moto's HTTP server on 127.0.0.1 -----------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _moto_server_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("moto_server")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    return [*base, "-H", "127.0.0.1", "-p", str(port)]


@pytest.fixture(scope="module")
def moto_endpoint():
    """moto's S3-compatible server in a subprocess, bound to 127.0.0.1 on a free port."""
    port = _free_port()
    server = subprocess.Popen(
        _moto_server_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:  # wait until it answers: start-up takes a second or two
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.05)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def _fetch(url: str) -> tuple[int, str, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # local only
    with opener.open(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


@pytest.mark.django_db
def test_dashboard_upload_to_an_s3_compatible_store_is_fetched_back_by_url(
    client, settings, fake_aws_credentials, moto_endpoint
):
    boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        config=s3_client_config(endpoint_url=moto_endpoint),
    ).create_bucket(Bucket=BUCKET)
    use_s3_media(settings, endpoint_url=moto_endpoint)
    product = ProductFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = upload_product_photo(client, product, "IMG_20260105.jpg", phone_photo((640, 480)))

    assert response.status_code == 302
    image = product.images.get()
    url = image.original.url
    assert url.startswith(f"{moto_endpoint}/{BUCKET}/images/products/")  # path-style
    status, content_type, body = _fetch(url)
    photo = image_of(body)
    assert (status, content_type) == (200, "image/jpeg")
    assert (photo.format, photo.size, has_gps(photo)) == ("JPEG", (480, 640), False)

    # The catalogue card points at the thumbnail in the store, in both formats.
    page = client.get(reverse("catalogue:index")).content.decode()
    webp_url, jpeg_url = re.search(
        r'<source type="image/webp" srcset="([^"]+)">\s*<img src="([^"]+)"', page
    ).groups()
    fetched = {}
    for rendition_url in (html.unescape(webp_url), html.unescape(jpeg_url)):
        assert rendition_url.startswith(f"{moto_endpoint}/{BUCKET}/renditions/images/products/")
        status, content_type, body = _fetch(rendition_url)
        thumb = image_of(body)
        fetched[content_type] = (status, thumb.format, thumb.size)
    assert fetched == {
        "image/webp": (200, "WEBP", (300, 300)),
        "image/jpeg": (200, "JPEG", (300, 300)),
    }
