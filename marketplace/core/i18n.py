"""Bilingual content fields: Indonesian is the primary text, English optional.

A model keeps ``<field>`` (Indonesian) and ``<field>_en``; readers get the text in
the active language and fall back to the other when it is empty.
"""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """Return ``obj.<field>`` in the active language, falling back sensibly."""
    primary = getattr(obj, field, "") or ""
    english = getattr(obj, f"{field}_en", "") or ""
    if (get_language() or "id").startswith("en"):
        return english or primary
    return primary or english
