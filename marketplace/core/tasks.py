"""Background tasks that belong to no domain app: delivering e-mail."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection

from .mail import message_from_data


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    max_retries=8,
)
def send_email(data: dict) -> int:
    """Deliver one queued message through ``EMAIL_DELIVERY_BACKEND``.

    Retried with growing pauses (30 s … 1 h) while the mail server fails. A delivery
    that fails after the server accepted the message may be repeated: at-least-once.
    """
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message_from_data(data)])
