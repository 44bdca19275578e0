"""Who is acting and from where, for code that has no request at hand.

``AuditContextMiddleware`` sets it for each request; management commands, tasks and
tests can use ``acting_as(user, ip=...)``. Context variables keep concurrent requests
(threads or async tasks) apart.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    actor: object | None = None
    ip_address: str | None = None


_NOBODY = AuditContext()
_current: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


def current() -> AuditContext:
    return _current.get() or _NOBODY


@contextmanager
def acting_as(actor, *, ip_address: str | None = None):
    token = _current.set(AuditContext(actor=actor, ip_address=ip_address))
    try:
        yield
    finally:
        _current.reset(token)
