"""E-mails the stock ledger sends to artisans."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core.mail import send_in_language

StockAlert = get_model("partner", "StockAlert")


def send_low_stock_email(*, alert_id: int) -> int:
    """Mail the partner's logins that a product runs low; returns how many were sent."""
    alert = (
        StockAlert.objects.select_related("stockrecord__product", "stockrecord__partner")
        .filter(pk=alert_id, status=StockAlert.OPEN)
        .first()
    )
    if alert is None:
        return 0
    record = alert.stockrecord
    domain = Site.objects.get_current().domain
    return send_in_language(
        language=settings.LANGUAGE_CODE,
        template_prefix="stock/emails/low_stock",
        context={
            "product_title": record.product.get_title(),
            "sku": record.partner_sku,
            "available": record.net_stock_level,
            "threshold": alert.threshold,
            "stock_url": f"{settings.OSCAR_URL_SCHEMA}://{domain}{reverse('dashboard:workshop-stock')}?low=1",
        },
        to=list(record.partner.users.values_list("email", flat=True)),
    )
