from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StockConfig(AppConfig):
    name = "marketplace.stock"
    label = "stock"
    verbose_name = _("Stock ledger")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the low-stock e-mail
