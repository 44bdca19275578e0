"""Our forks of Oscar apps, one folder per forked app label.

Each fork keeps Oscar's label and contains only what we override. Forked early,
before data exists, so later work can change them without rewriting history.
"""
