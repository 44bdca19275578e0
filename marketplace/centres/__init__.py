"""Centres (sentra IKM batik) and the artisans who work in them.

Ground floor of the marketplace: *who*. A centre has managers (users); an artisan
belongs to one centre and sells through exactly one Oscar ``Partner``, whose users are
the artisan's logins.
"""
