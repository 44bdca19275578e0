"""Dashboard menu access for the audit trail (imports models only when called)."""


def audit_trail_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from .selectors import can_view_audit_trail

    return can_view_audit_trail(user)
