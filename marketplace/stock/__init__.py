"""Stock ledger: every change to an artisan's stock level, who made it and why.

Owns ``StockLedgerEntry`` (append-only) and the one service through which stock
levels change (``services.apply_stock_changes`` and its single-change wrapper
``change_stock``), CSV export and import of stock levels, and the low-stock e-mail to
the artisan. Stock never drops below what is allocated to orders: the service checks
it under a row lock, and the database refuses it (constraint on ``StockRecord``).
"""
