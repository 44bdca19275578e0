"""Oscar's search app, forked: browse and search run on the database, not Haystack.

Oscar 4.2 browses through Haystack; its "simple" backend shows an empty catalogue
(Oscar #4366) and scans every text field. Our views read the catalogue with one
annotated, prefetched query per page instead.
"""
