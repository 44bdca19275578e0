"""The centre manager's back office: the task hub that gathers waiting work.

Owns one page, ``/manage/``, which shows a section for each provider registered in
:mod:`marketplace.core.manager_tasks` (payouts and statements from the sales app;
product approvals, certificate checks and bank-transfer confirmations from their
own apps once they register). Scoped to the centres the user manages.
"""
