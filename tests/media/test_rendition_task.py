"""Renditions made by a task after upload; pages show the original until they exist."""

import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from marketplace.media import tasks
from marketplace.media.renditions import is_pending, rendition_for, rendition_names
from tests.factories import ProductFactory, ProductImageFactory
from tests.media.samples import plain_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(settings):
    """Renditions made by a worker's task (the tests call or mock the task), with the
    cache shared by workers and web processes (the tests' cache is one process's)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = "redis://shared-cache.invalid:6379/0"


def test_with_workers_but_no_shared_cache_uploads_make_their_renditions_inline(settings):
    """The worker's 'done' would never reach the web processes' own memories."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = ""
    with mock.patch.object(tasks.make_renditions, "delay") as delay:
        image = ProductImageFactory(original=ContentFile(plain_image(), name="kain.png"))

    delay.assert_not_called()
    assert [default_storage.exists(n) for n in rendition_names(image.original.name)] == [True] * 4
    assert rendition_for(image.original, "thumb").is_original is False


def test_run_inline_by_default_an_upload_has_its_renditions_when_save_returns():
    image = ProductImageFactory(original=ContentFile(plain_image((400, 300), "JPEG"), name="k.jpg"))
    name = image.original.name

    assert [default_storage.exists(n) for n in rendition_names(name)] == [True] * 4
    assert is_pending(name) is False
    assert rendition_for(image.original, "thumb").webp_url.endswith(
        f"/renditions/{name}/thumb-300x300c.webp"
    )


@pytest.mark.usefixtures("worker")
def test_an_upload_queues_one_task_naming_the_model_field_and_stored_file():
    with mock.patch.object(tasks.make_renditions, "delay") as delay:
        image = ProductImageFactory(original=ContentFile(plain_image(), name="kain.png"))

    delay.assert_called_once_with("catalogue.ProductImage", "original", image.original.name)
    assert [default_storage.exists(n) for n in rendition_names(image.original.name)] == [False] * 4


@pytest.mark.usefixtures("worker")
def test_while_renditions_are_missing_the_original_is_shown():
    with mock.patch.object(tasks.make_renditions, "delay"):
        image = ProductImageFactory(original=ContentFile(plain_image(), name="kain.png"))

    shown = rendition_for(image.original, "thumb")

    assert (shown.url, shown.webp_url, shown.is_original, shown.is_placeholder) == (
        image.original.url,
        "",
        True,
        False,
    )


@pytest.mark.usefixtures("worker")
def test_the_product_page_shows_the_original_while_its_renditions_are_missing(client):
    product = ProductFactory(title="Kain Sekar Jagad")
    with mock.patch.object(tasks.make_renditions, "delay"):
        image = ProductImageFactory(product=product, original=ContentFile(plain_image(), "a.png"))

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="{image.original.url}"' in html
    assert "/renditions/" not in html
    assert not re.search(r'<source type="image/webp" srcset=""', html)


@pytest.mark.usefixtures("worker")
def test_once_the_task_ran_the_page_uses_the_renditions(client):
    product = ProductFactory(title="Kain Sekar Jagad")
    with mock.patch.object(tasks.make_renditions, "delay") as delay:
        image = ProductImageFactory(product=product, original=ContentFile(plain_image(), "a.png"))

    written = tasks.make_renditions(*delay.call_args.args)

    name = image.original.name
    assert written == rendition_names(name)
    assert is_pending(name) is False
    html = client.get(product.get_absolute_url()).content.decode()
    assert f"/renditions/{name}/medium-800x800.webp" in html


def test_running_the_task_twice_leaves_the_same_files():
    image = ProductImageFactory(original=ContentFile(plain_image((500, 400), "JPEG"), name="k.jpg"))
    name = image.original.name
    before = {n: default_storage.open(n).read() for n in rendition_names(name)}

    tasks.make_renditions("catalogue.ProductImage", "original", name)

    assert {n: default_storage.open(n).read() for n in rendition_names(name)} == before
    assert sorted(default_storage.listdir(f"renditions/{name}")[1]) == sorted(
        n.rsplit("/", 1)[1] for n in rendition_names(name)
    )


@pytest.mark.usefixtures("worker")
def test_an_original_deleted_before_the_task_ran_is_skipped():
    with mock.patch.object(tasks.make_renditions, "delay") as delay:
        image = ProductImageFactory(original=ContentFile(plain_image(), name="gone.png"))
    default_storage.delete(image.original.name)

    assert tasks.make_renditions(*delay.call_args.args) == []
    assert [default_storage.exists(n) for n in rendition_names(image.original.name)] == [False] * 4


@pytest.mark.usefixtures("worker")
def test_a_storage_failure_in_a_worker_is_retried():
    with mock.patch.object(tasks.make_renditions, "delay") as delay:
        ProductImageFactory(original=ContentFile(plain_image(), name="k.png"))
    failure = OSError("storage unreachable")

    with (
        mock.patch.object(tasks, "rebuild_renditions", side_effect=failure),
        mock.patch.object(tasks.make_renditions, "retry", side_effect=RuntimeError("retry")),
    ):
        tasks.make_renditions.push_request(retries=1, is_eager=False)
        try:
            with pytest.raises(RuntimeError):
                tasks.make_renditions.run(*delay.call_args.args)
        finally:
            tasks.make_renditions.pop_request()
        retry_call = tasks.make_renditions.retry.call_args

    assert retry_call == mock.call(exc=failure, countdown=60)
    assert is_pending(delay.call_args.args[2]) is True
