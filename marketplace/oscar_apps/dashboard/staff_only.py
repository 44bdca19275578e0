"""Turning Oscar dashboard permission rules staff-only."""


def without_partner_access(permissions):
    """Drop the seller alternative from an Oscar permission rule (a tuple means any of)."""
    if isinstance(permissions, tuple):
        kept = [rule for rule in permissions if rule != ["partner.dashboard_access"]]
        return kept[0] if len(kept) == 1 else tuple(kept)
    return permissions
