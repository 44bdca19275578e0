"""Checkout services: placing orders from card payments and bank transfers.

Split by topic: ``placement`` (what both payment methods share), ``card``,
``bank_transfer`` and ``currency``.
"""
