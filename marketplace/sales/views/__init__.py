"""Back-office pages of the sales app: the dashboard and the settlements."""
