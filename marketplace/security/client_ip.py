"""The client's IP address, read one way for rate limits, lockout and the audit trail."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address ``TRUSTED_PROXY_COUNT`` hops back in X-Forwarded-For.

    Only the proxies we run append to X-Forwarded-For after the client's own entries,
    so with N trusted proxies the client is the N-th address from the right; anything
    further left was written by the client and is not trusted. None when unknown
    (requests built in code, such as the test client's login, carry no address).
    """
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


def axes_client_ip(request: HttpRequest) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address as everywhere else."""
    return client_ip(request)
