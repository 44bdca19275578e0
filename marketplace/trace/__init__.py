"""Public traceability: trace pages, their JSON record, QR codes and hang-tags.

Top floor: reads products with their provenance (middle) and roles (ground); owns no
models. Every piece is reachable at ``/t/<trace code>/`` — a short, random, stable
code printed on its hang-tag as text and as a QR code.
"""
