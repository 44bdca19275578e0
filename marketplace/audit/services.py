"""Writing audit events: the one function every app calls."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .context import current
from .models import AuditEvent


def _jsonable(value: Any) -> Any:
    """Decimals as strings (exact money), dates ISO, sets sorted, models by pk."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def _actor_id(actor) -> int | None:
    """The user's pk, or None for nobody / an anonymous visitor (lazy objects welcome)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor.pk


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


def target_label(target: models.Model) -> str:
    """How an event names its record. Users by number only: the trail keeps no
    names or e-mail addresses, so erasing a person's data never touches it."""
    from django.contrib.auth import get_user_model

    if isinstance(target, get_user_model()):
        return f"user #{target.pk}"
    return str(target)[:255]


_UNSET = object()


def build_audit_event(
    *,
    actor=_UNSET,
    action: str,
    target: models.Model | None,
    before: Any = None,
    after: Any = None,
    centre=None,
    ip_address: str | None = None,
    target_repr: str | None = None,
) -> AuditEvent:
    """An unsaved event (``record_audit_event`` saves one, ``record_audit_events``
    many); ``target_repr`` names the record instead of ``str(target)`` (saves a query
    per row in bulk)."""
    context = current()
    if actor is _UNSET:
        actor = context.actor
    event = AuditEvent(
        actor_id=_actor_id(actor),
        action=action,
        before=_jsonable(before),
        after=_jsonable(after),
        centre_id=getattr(centre, "pk", centre),
        ip_address=_valid_ip(ip_address or context.ip_address),
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        event.target_id = str(target.pk)
        event.target_repr = (target_repr or target_label(target))[:255]
    return event


def record_audit_event(**fields) -> AuditEvent:
    """Append one event built by ``build_audit_event(**fields)``: ``actor`` defaults to
    the request's user (audit context), ``ip_address`` to the request's client IP;
    ``centre`` (a Centre or its id) scopes the event to that centre's managers. Runs
    inside the caller's transaction, so a rolled-back action leaves no event behind.
    """
    event = build_audit_event(**fields)
    event.save()
    return event


def record_audit_events(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Append many events built by ``build_audit_event`` in a few INSERTs (imports)."""
    return AuditEvent.objects.bulk_create(list(events), batch_size=1000)
