"""Public pages around the catalogue: home, centre directory, centre and artisan pages.

Top floor: reads centres (ground) and products (middle); owns no models.
"""
