"""Oscar's checkout app, forked for our payment flow (Stripe, bank transfer)."""
