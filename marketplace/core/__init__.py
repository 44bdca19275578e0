"""Shared vocabulary of the batik trade (closed lists) and small helpers.

Ground floor: imports nothing of ours. The lists encode the facts in
shared/DOMAIN.md as controlled values; Indonesian terms are the labels.
"""
