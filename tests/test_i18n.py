"""Indonesian and English: our catalogue is complete, compiled and up to date."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse

from tests.factories import ProductFactory

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
# Strings in a folder with its own locale/ (an app's Python code) go to that app's
# catalogue; the templates and everything else go to the project's locale/id.
CATALOGUES = [PO] + sorted(
    path
    for package in ("catalogue_ext", "marketplace")
    for path in (ROOT / package).glob("**/locale/id/LC_MESSAGES/django.po")
)
CATALOGUE_IDS = [str(path.relative_to(ROOT)) for path in CATALOGUES]


def _messages(path: Path):
    with path.open("rb") as handle:
        return [m for m in read_po(handle, locale="id") if m.id]


def _keys(path: Path) -> set[str]:
    return {f"{m.context or ''}|{m.id}" for m in _messages(path)}


def test_every_app_catalogue_is_checked():
    apps = [
        "accounts",
        "audit",
        "listings",
        "oscar_apps/checkout",
        "security",
        "stock",
        "workshop",
    ]
    expected = ["locale/id/LC_MESSAGES/django.po"]
    expected += [f"marketplace/{app}/locale/id/LC_MESSAGES/django.po" for app in apps]
    assert expected == CATALOGUE_IDS


@pytest.mark.parametrize("po", CATALOGUES, ids=CATALOGUE_IDS)
def test_every_indonesian_message_is_translated(po):
    untranslated = [
        m.id for m in _messages(po) if not (m.string if isinstance(m.string, str) else m.string[0])
    ]
    fuzzy = [m.id for m in _messages(po) if m.fuzzy]
    assert (len(untranslated), len(fuzzy)) == (0, 0), (untranslated, fuzzy)


@pytest.mark.parametrize("po", CATALOGUES, ids=CATALOGUE_IDS)
def test_compiled_catalogue_matches_the_po_file(po):
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    mismatched = []
    for message in _messages(po):
        if isinstance(message.id, tuple):
            if message.context:
                got = compiled.npgettext(message.context, message.id[0], message.id[1], 1)
            else:
                got = compiled.ngettext(message.id[0], message.id[1], 1)
            want = message.string[0]
        elif message.context:
            got, want = compiled.pgettext(message.context, message.id), message.string
        else:
            got, want = compiled.gettext(message.id), message.string
        if got != want:
            mismatched.append(message.id)
    assert mismatched == []


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="needs GNU gettext (apt-get install gettext)"
)
def test_catalogues_hold_every_string_the_code_marks_for_translation(tmp_path):
    """Re-extract the strings into a copy of the project: the same sets must come out."""
    for name in ("catalogue_ext", "marketplace", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--add-location=file"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "marketplace.settings"},
    )
    differences = {}
    for po in CATALOGUES:
        fresh = _keys(tmp_path / po.relative_to(ROOT))
        committed = _keys(po)
        # New strings need translating; strings gone from the code should leave the file.
        if fresh != committed:
            differences[str(po.relative_to(ROOT))] = (
                sorted(fresh - committed),
                sorted(committed - fresh),
            )
    assert differences == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["Sentra batik", "Semua produk", "Telusuri produk", "Kain Batik", "Jelajahi toko"]),
        ("en", ["Batik centres", "All products", "Trace a piece", "Batik cloth", "Browse store"]),
    ],
)
def test_pages_render_in_both_languages(client, language, expected):
    ProductFactory()
    client.cookies["django_language"] = language
    for url in (reverse("storefront:home"), reverse("catalogue:index")):
        html = client.get(url).content.decode()
        assert [text for text in expected if text not in html] == [], url
        assert f'<html lang="{language}"' in html
