"""Listing approval: a product goes public only after its centre's manager approves it.

Owns ``ProductListing`` (the review state of one product: draft, pending, approved,
rejected; the provenance changes awaiting review; reviewer, date and note) and its
append-only ``ListingEvent`` history; the services ``submit_product_for_review``,
``approve_product`` and ``reject_product``; and the centre manager's review pages in
the dashboard. The catalogue itself is not changed: approval sets ``Product.is_public``
and applies the approved provenance through these services.
"""
