"""Reading the audit trail: what a viewer may see, filtered, in one query per page."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from marketplace.centres.roles import is_marketplace_admin, managed_centres

from .models import AuditEvent


def can_view_audit_trail(user) -> bool:
    """Administrators see every event; centre managers those of their centres."""
    if not user.is_authenticated:
        return False
    return is_marketplace_admin(user) or managed_centres(user).exists()


def visible_events(
    user,
    *,
    action: str = "",
    centre_id: int | None = None,
    actor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """The events ``user`` may read, newest first, with who and which centre joined.

    A centre manager sees only events scoped to their centres; events without a centre
    (role changes of users, account deletions) are for administrators only.
    """
    events = AuditEvent.objects.select_related("actor", "centre", "target_type")
    if not is_marketplace_admin(user):
        events = events.filter(centre__in=managed_centres(user).values("pk"))
    if action:
        events = events.filter(action=action)
    if centre_id:
        events = events.filter(centre_id=centre_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events
