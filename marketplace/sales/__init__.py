"""Sales reports and artisan settlements.

Owns the centre managers' sales dashboard (revenue, orders, units, breakdowns and
CSV exports, all read from placed orders' line snapshots and scoped to the centres a
user manages), the append-only settlement ledger per artisan (sales earned,
commission, PPh 22 withheld, refunds, payouts, corrections), the commission rate per
centre, each artisan's PPh 22 status, monthly statements, and the demo order
generator. Top floor: reads orders (Oscar), centres and the catalogue; nothing below
imports it.
"""
