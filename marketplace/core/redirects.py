"""Where a form sends the user back to: its ``next`` field, if it stays on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default: str = "") -> str:
    """The request's ``next`` (POST, then GET) when it is a URL of this site, reached
    the way this request came (HTTPS stays HTTPS); ``default`` otherwise."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
