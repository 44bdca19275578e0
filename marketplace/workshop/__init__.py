"""My workshop: the artisan's own part of the dashboard.

Stock levels (with the ledger, CSV export and import), the artisan's own products
(created and edited with their provenance, public only after the centre manager's
approval) and the orders that contain the artisan's pieces — showing only the
artisan's own lines and the shipping address they need to send them. No models of its
own: it composes the ``stock`` and ``listings`` services into pages.

Oscar's own product and order dashboards are staff-only in this project (see
``marketplace/oscar_apps/dashboard``): they would show an artisan other sellers'
lines, the customer's details and the order totals.
"""
