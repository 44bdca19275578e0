"""Oscar's catalogue, forked under its own app label ``catalogue``.

Middle floor: *what* is sold. Adds provenance to ``Product`` (artisan, centre,
technique, dye, fabric, motif, certificates, export data), the ``Motif`` record and
the makers of each piece. Everything else is Oscar's.
"""
