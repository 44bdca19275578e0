"""Trace pages, their JSON, QR codes and the code lookup, fuzzed with any code a
hang-tag, a typo or a bot could send: a page or a 404/400, never a server error."""

from urllib.parse import quote

import pytest
from hypothesis import strategies as st

from tests.factories import ProductFactory
from tests.fuzzing import fuzz, nasty_text

pytestmark = pytest.mark.django_db

codes = st.one_of(
    nasty_text(300),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20_000),
    st.sampled_from(["ß", "ﬁ", "İ", "ǅ", "١٢٣", "²", "A" * 5000, "a\x00b", "%00", "..", "."]),
)
SUFFIXES = ["/", ".json", "/qr.svg", "/qr.png"]


@pytest.fixture
def piece():
    return ProductFactory()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_trace_urls_answer_any_code_without_a_server_error(client, piece, suffix):
    def send(code):
        response = client.get(f"/t/{quote(code, safe='')}{suffix}")
        assert response.status_code in (200, 301, 400, 404), response.status_code
        return response

    fuzz(f"trace{suffix}", st.one_of(codes, st.just(piece.trace_code)), send=send)


def test_trace_lookup_answers_any_code_without_a_server_error(client, piece):
    def send(code):
        response = client.get("/t/", {"code": code})
        assert response.status_code in (200, 302, 400, 404), response.status_code
        return response

    fuzz("trace-lookup", codes, send=send)
