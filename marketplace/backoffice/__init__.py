"""The centre manager's back office: the task hub that gathers waiting work, and refunds.

Owns ``/manage/``, which shows a section for each provider registered in
:mod:`marketplace.core.manager_tasks` (product approvals from listings, certificate
checks from the catalogue, bank-transfer confirmations from checkout, payouts and
statements from sales), and ``/manage/orders/<number>/``, where a manager refunds
their centres' order lines (``refunds.refund_order_line``). It sits on the top floor:
a refund moves money (payments), the artisan ledger (sales) and stock together.
Everything is scoped to the centres the user manages.
"""
