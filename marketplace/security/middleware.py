"""Middleware: refuse oversize bodies (413) and NUL characters in URLs (400), and apply
the configured rate limits (429)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .ratelimit import all_rules, check_request


def body_limit_for(path: str) -> int:
    prefixes = tuple(getattr(settings, "UPLOAD_PATH_PREFIXES", ()))
    if prefixes and path.startswith(prefixes):
        return settings.UPLOAD_MAX_BODY_BYTES
    return settings.REQUEST_MAX_BODY_BYTES


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than the path's limit, before anyone reads it.

    The declared Content-Length decides: the WSGI server reads no more than that many
    bytes, and Django reads none of it unless a view asks. Upload paths (dashboard,
    admin) get ``UPLOAD_MAX_BODY_BYTES``; everything else ``REQUEST_MAX_BODY_BYTES``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length."), status=400)
        limit = body_limit_for(request.path_info)
        if length > limit:
            return HttpResponse(
                _("The request is too large (at most %(size)s kB).") % {"size": limit // 1024},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class NulCharacterMiddleware:
    """Answer 400 to a NUL character in the path or a query parameter.

    PostgreSQL text cannot hold NUL, so a view that filters on a raw query parameter
    (search, catalogue facets, trace look-up) would fail with a server error; Django's
    form fields already refuse NUL in form data. Found by the fuzz tests on PostgreSQL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponse(
                _("The address contains a character that is not allowed."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RateLimitMiddleware:
    """Apply ``settings.RATE_LIMITS`` by URL name or path, after URL resolution."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        return check_request(request, all_rules())
