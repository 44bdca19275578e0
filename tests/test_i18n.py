"""Indonesian and English: our catalogue is complete, compiled and up to date."""

import gettext
import shutil
import subprocess
import sys
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from marketplace.sales import services as sales
from marketplace.sales.periods import add_months
from tests.factories import ArtisanFactory, ProductFactory, centre_manager, placed_order

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


@pytest.fixture
def manager_books(db):
    """A centre manager whose artisan sold a piece last month and got part of it paid out."""
    artisan = ArtisanFactory(name="Ibu Sri")
    month = add_months(timezone.localdate(), -1).replace(day=1)
    placed = timezone.make_aware(datetime.combine(month.replace(day=3), time(10)))
    piece = ProductFactory(artisan=artisan, title="Selendang Sekar Jagad")
    placed_order((piece, 1, "250000"), placed=placed)
    sales.post_unposted_earnings()
    manager = centre_manager(artisan.centre)
    sales.record_payout(
        artisan=artisan,
        centre=artisan.centre,
        amount=Decimal("100000"),
        currency="IDR",
        paid_on=timezone.localdate(),
        bank_reference="TRF-1",
        user=manager,
    )
    return SimpleNamespace(artisan=artisan, manager=manager, month=month)


# Page -> (Indonesian, English) texts our code puts on it; each language must show its own
# and none of the other's.
MANAGER_PAGES = {
    "tasks": (
        ["Tugas pengelola", "Sentra Anda:", "Catat pencairan", "Terutang", "Laporan bulanan"],
        ["Manager tasks", "Your centre:", "Record payouts", "Owed", "Monthly statements"],
    ),
    "dashboard": (
        ["Dasbor penjualan", "Rata-rata nilai pesanan", "Per kategori", "Kain batik"],
        ["Sales dashboard", "Average order value", "By category", "Batik cloth"],
    ),
    "settlements": (
        ["Saldo perajin", "Penjualan bersih", "PPh 22 dipotong", "Sudah dicairkan"],
        ["Settlements", "Net sales", "PPh 22 withheld", "Paid out"],
    ),
    "account": (
        ["Saldo yang menjadi hak perajin", "Buku besar (IDR)", "Batalkan pencairan"],
        ["Balance owed to the artisan", "Ledger (IDR)", "Reverse payout"],
    ),
    "audit": (
        ["Jejak audit", "Pencairan ke perajin dicatat", "2 peristiwa", "Keluar"],
        ["Audit trail", "Payout recorded", "2 events", "Log out"],
    ),
}


def _manager_page_url(page, books):
    artisan = books.artisan
    return {
        "tasks": reverse("backoffice:tasks"),
        "dashboard": f"{reverse('sales:dashboard')}?period=month&date={books.month.isoformat()}",
        "settlements": reverse("sales:settlements"),
        "account": reverse("sales:account", args=[artisan.centre_id, artisan.pk]),
        "audit": reverse("audit:list"),
    }[page]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("page", MANAGER_PAGES)
def test_manager_pages_speak_the_chosen_language(client, manager_books, page, language):
    indonesian, english = MANAGER_PAGES[page]
    shown, foreign = (indonesian, english) if language == "id" else (english, indonesian)
    client.force_login(manager_books.manager)
    client.cookies["django_language"] = language
    response = client.get(_manager_page_url(page, manager_books))
    assert response.status_code == 200
    html = response.content.decode()
    assert [text for text in shown if text not in html] == []
    assert [text for text in foreign if text in html] == []
    # Every one of them offers the switch to the other language.
    other = "en" if language == "id" else "id"
    assert f'action="{reverse("set_language")}"' in html
    assert f'name="language" value="{other}"' in html
