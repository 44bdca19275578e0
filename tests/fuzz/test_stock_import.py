"""The CSV stock import, fuzzed through the artisan's upload page: never a server
error, never a partial write (stock, ledger and audit trail unchanged unless the whole
file is valid), and a refused file always says which row is wrong and why."""

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st
from oscar.core.loading import get_model

from marketplace.audit.models import AuditEvent
from marketplace.stock.models import StockLedgerEntry
from tests.factories import ArtisanFactory, ProductFactory, artisan_user
from tests.fuzzing import NASTY, fuzz, nasty_text

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

URL = "/dashboard/workshop/stock/import/"
OWN_SKUS = ["KAIN-1", "TAS-1", "SEPATU-1"]
RIVAL_SKU = "RIVAL-1"
ALLOCATED = {"KAIN-1": 2}


@pytest.fixture
def owner_client(client, artisan):
    for sku in OWN_SKUS:
        product = ProductFactory(artisan=artisan, stock=False)
        StockRecord.objects.create(
            product=product,
            partner=artisan.partner,
            partner_sku=sku,
            price=100000,
            num_in_stock=5,
            num_allocated=ALLOCATED.get(sku, 0),
        )
    rival = ProductFactory(artisan=ArtisanFactory(), stock=False)
    StockRecord.objects.create(
        product=rival, partner=rival.artisan.partner, partner_sku=RIVAL_SKU, price=1, num_in_stock=5
    )
    client.force_login(artisan_user(artisan))
    return client


FORMULAS = ["=1+2", "+1", "-1+1", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1", "\r=1"]
skus = st.one_of(
    st.sampled_from([*OWN_SKUS, RIVAL_SKU, "UNKNOWN-9", "", " KAIN-1 ", "kain-1"]),
    st.sampled_from(FORMULAS),
    nasty_text(40),
)
quantities = st.one_of(
    st.integers(min_value=0, max_value=20).map(str),
    st.integers().map(str),  # huge and negative
    st.sampled_from(["9" * 40, "-0", "+3", " 4 ", "1e3", "1.5", "٣", "²", "0x10", "NaN", ""]),
    st.sampled_from(FORMULAS),
    nasty_text(20),
)
reasons = st.sampled_from(["", "correction", "produced", "damaged", "sold", "returned", "x"])
rows = st.lists(st.tuples(skus, quantities, reasons, nasty_text(30)), max_size=8)
valid_rows = st.lists(
    st.tuples(
        st.sampled_from(OWN_SKUS),
        st.integers(min_value=2, max_value=30).map(str),
        st.just("correction"),
        st.sampled_from(["", "opname", "=1+2"]),
    ),
    max_size=3,
    unique_by=lambda row: row[0],
)


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',;"\n\r') else cell


def as_csv(header, body, delimiter):
    lines = [delimiter.join(header)]
    lines += [delimiter.join(quote(cell) for cell in row) for row in body]
    return "\n".join(lines) + "\n"


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "shift_jis"]
headers = st.one_of(
    st.just(["sku", "in_stock", "reason", "note"]),
    st.just(["SKU", " In_Stock ", "reason", "note"]),
    st.just(["sku", "stock", "reason", "note"]),  # the level column is missing
    st.lists(nasty_text(15), min_size=4, max_size=4),
)
files = st.one_of(
    st.binary(max_size=600),
    st.builds(
        lambda header, body, delimiter, encoding: as_csv(header, body, delimiter).encode(
            encoding, errors="ignore"
        ),
        headers,
        st.one_of(rows, valid_rows),
        st.sampled_from([",", ";", "\t"]),
        st.sampled_from(ENCODINGS),
    ),
    st.builds(
        lambda body, bom: (bom + as_csv(["sku", "in_stock", "reason", "note"], body, ",")).encode(),
        st.one_of(rows, valid_rows),
        st.sampled_from(["", codecs.BOM_UTF8.decode(), "\ufeff\ufeff"]),
    ),
    st.sampled_from(
        [
            b"",
            b"\x00" * 50,
            b"sku,in_stock\n" + b"x" * 200_000 + b",1\n",
            *[n.encode() for n in NASTY],
        ]
    ),
)


def snapshot():
    levels = dict(StockRecord.objects.values_list("partner_sku", "num_in_stock"))
    return levels, StockLedgerEntry.objects.count(), AuditEvent.objects.count()


def test_stock_import_is_all_or_nothing_and_explains_each_bad_row(owner_client):
    original = snapshot()

    def send(data):
        upload = SimpleUploadedFile("stok.csv", data, content_type="text/csv")
        return owner_client.post(URL, {"file": upload, "reason": "correction"})

    def allowed(response, delta):
        levels, ledger, audit = snapshot()
        if response.status_code == 302:  # applied: every change is in the ledger and audited
            changed = {sku for sku, level in levels.items() if level != original[0][sku]}
            return (
                RIVAL_SKU not in changed
                and ledger - original[1] == len(changed)
                and 0 <= audit - original[2] <= len(changed)
                and all(levels[sku] >= ALLOCATED.get(sku, 0) for sku in changed)
            )
        if response.status_code != 200 or (levels, ledger, audit) != original:
            return False
        form, plan = response.context["form"], response.context.get("plan")
        if form.errors:
            return True
        # Refused with a report: at least one error, each naming its row and why.
        return bool(plan.errors) and all(
            error.line >= 0 and error.message.strip() for error in plan.errors
        )

    fuzz(
        "stock-csv-import",
        files,
        send=send,
        watch=[StockLedgerEntry, AuditEvent],
        allowed_writes=lambda response, delta: allowed(response, delta),
    )
