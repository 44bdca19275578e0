"""The audit trail: an append-only record of sensitive actions — who did what to
which record, when, from which IP, with the values before and after.

Ground floor beside ``centres`` (it knows Centre only to scope what a centre manager
may read), so every app can call ``record_audit_event`` from its services. Rows are
never updated or deleted: the model and its queryset refuse it, and on PostgreSQL a
trigger refuses it in the database too.

What is recorded automatically (``recorders.py``, reacting to Django's signals):
stock-record price changes, user group / permission changes, ``is_staff`` and
``is_superuser`` flips, group permission changes, ``Centre.managers`` and
``Partner.users`` changes. Other apps record their own actions through the service.
"""
