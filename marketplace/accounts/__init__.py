"""What a signed-in person controls about their own account: the optional TOTP second
factor for dashboard users (and its enforcement on /dashboard/ and /admin/), and the
buyer's rights under Indonesia's personal data protection law (UU 27/2022): download
their data, delete their account (orders kept for accounting, personal data erased).

Top floor: reads Oscar's orders, addresses, reviews and wishlists.
"""
