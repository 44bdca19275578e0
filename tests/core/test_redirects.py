"""``safe_next_url``: a form's way back stays on this site."""

import pytest
from django.test import RequestFactory

from marketplace.core.redirects import safe_next_url


@pytest.mark.parametrize(
    ("next_url", "secure", "expected"),
    [
        ("/manage/?tab=approvals", False, "/manage/?tab=approvals"),
        ("https://evil.example/steal", False, "/fallback/"),
        ("//evil.example/steal", False, "/fallback/"),
        ("http://testserver/manage/", True, "/fallback/"),  # HTTPS never drops to HTTP
        ("https://testserver/manage/", True, "https://testserver/manage/"),
        ("", False, "/fallback/"),
    ],
)
def test_next_is_followed_only_within_this_site(next_url, secure, expected):
    request = RequestFactory().post("/x/", {"next": next_url}, secure=secure)
    assert safe_next_url(request, "/fallback/") == expected


def test_a_get_next_counts_when_the_form_sent_none():
    request = RequestFactory().get("/x/", {"next": "/accounts/profile/"})
    assert safe_next_url(request) == "/accounts/profile/"
