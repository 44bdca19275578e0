"""E-mails the stock ledger sends to artisans."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

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
    recipients = [email for email in record.partner.users.values_list("email", flat=True) if email]
    if not recipients:
        return 0
    domain = Site.objects.get_current().domain
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "product_title": record.product.get_title(),
            "sku": record.partner_sku,
            "available": record.net_stock_level,
            "threshold": alert.threshold,
            "stock_url": f"{settings.OSCAR_URL_SCHEMA}://{domain}{reverse('dashboard:workshop-stock')}?low=1",
        }
        subject = render_to_string("stock/emails/low_stock_subject.txt", context).strip()
        body = render_to_string("stock/emails/low_stock_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
