"""Make the signed-in user and client IP the audit context of each request."""

from django.utils.functional import SimpleLazyObject

from marketplace.security.client_ip import client_ip

from .context import AuditContext, _current


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Lazy: most requests record nothing and never need the user loaded.
        actor = SimpleLazyObject(lambda: request.user)
        token = _current.set(AuditContext(actor=actor, ip_address=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
