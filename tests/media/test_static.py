"""Static files as production serves them: collected with hashed names into a manifest
(whitenoise's storage, what settings.py uses with DEBUG off), then every page renders
from that manifest and whitenoise serves the hashed files to be cached for good."""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse
from whitenoise.storage import CompressedManifestStaticFilesStorage

from tests.factories import ProductFactory, ProductImageFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_BACKEND = "whitenoise.storage.CompressedManifestStaticFilesStorage"


class ManifestStorageWithoutCompression(CompressedManifestStaticFilesStorage):
    """The production storage minus its gzip step (about 40 s of CPU for Oscar's 26 MB
    of static files; whitenoise tests it). Hashing and the strict manifest, which
    decide whether a page renders, are the production class's own."""

    def compress_files(self, paths):
        return iter(())


def test_settings_use_the_hashed_compressed_storage_when_debug_is_off():
    # test_settings swaps it out for speed; settings.py decides it from DEBUG, which is
    # read once per process, so ask a fresh one.
    probe = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "False",
        "SECRET_KEY": "a-test-only-secret-key-that-is-long-enough-for-django",
        "ALLOWED_HOSTS": "shop.example.id",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, PRODUCTION_BACKEND + "\n"), result.stderr


@pytest.fixture(scope="module")
def collected_static():
    root = tempfile.mkdtemp(prefix="marketplace-collected-static-")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": f"{__name__}.ManifestStorageWithoutCompression"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield root


HASHED_CSS = re.compile(r'href="(/static/oscar/css/styles\.[0-9a-f]{12}\.css)"')


@pytest.mark.django_db
def test_every_kind_of_page_renders_from_the_manifest(client, collected_static):
    image = ProductImageFactory()
    ProductFactory()  # one without a photo: the placeholder is a static file too
    artisan = image.product.artisan
    pages = [
        reverse("storefront:home"),
        reverse("catalogue:index"),
        image.product.get_absolute_url(),
        reverse("storefront:centre-list"),
        artisan.centre.get_absolute_url(),
        artisan.get_absolute_url(),
        reverse("basket:summary"),
        reverse("customer:login"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert HASHED_CSS.search(response.content.decode()), url
    catalogue = client.get(reverse("catalogue:index")).content.decode()
    assert re.search(r'src="/static/oscar/img/image_not_found\.[0-9a-f]{12}\.jpg"', catalogue)

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    dashboard = client.get(reverse("dashboard:index"))
    assert dashboard.status_code == 200
    assert re.search(r"/static/oscar/css/dashboard\.[0-9a-f]{12}\.css", dashboard.content.decode())


@pytest.mark.django_db
def test_whitenoise_serves_hashed_files_to_be_cached_for_good(client, collected_static):
    stylesheet = HASHED_CSS.search(client.get(reverse("catalogue:index")).content.decode())[1]
    response = client.get(stylesheet)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Type"].startswith("text/css")
