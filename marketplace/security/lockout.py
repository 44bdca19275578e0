"""Glue between django-axes and our sign-in: the backend, login names and the 429 page."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped for calls that bring no request.

    Every sign-in form we serve (Oscar's /accounts/login/, its dashboard login, Django
    admin) passes the request, so they are all guarded. ``authenticate()`` without a
    request comes only from code (tests' ``client.login``, the shell), where there is
    no client to lock out; axes would raise there instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_name(request: HttpRequest, credentials: dict | None) -> str:
    """The login name failures are counted under: what the visitor typed in the form
    (Oscar's ``login-username``, admin's ``username``), trimmed and lower-cased, so
    ``Ani@Example.com`` and ``ani@example.com`` share one counter. The typed name is
    preferred because on success axes passes the user's internal username instead,
    and the reset must find the failures counted under the e-mail address."""
    post = getattr(request, "POST", {})
    name = post.get("login-username") or post.get("username")
    if not name:
        name = (credentials or {}).get("username") or ""
    return str(name).strip().lower()


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """429 with Retry-After and a clear message in the visitor's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = HttpResponse(
        render_to_string(
            "security/locked_out.html",
            {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
            request=request,
        ),
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
