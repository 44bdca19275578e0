"""The centre manager's back office: the task hub that gathers waiting work.

Owns one page, ``/manage/``, which shows a section for each provider registered in
:mod:`marketplace.core.manager_tasks` (product approvals from listings, certificate checks
from the catalogue, bank-transfer confirmations from checkout, payouts and statements
from sales). Scoped to the centres the user manages.
"""
