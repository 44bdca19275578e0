"""Shop e-mail leaves through a Celery task: no page waits for, or fails on, the mail server.

``TaskEmailBackend`` is Django's ``EMAIL_BACKEND``; every e-mail (Oscar's order
confirmations, password resets, ours) is turned into plain data and handed to the
``send_email`` task once the surrounding transaction commits, so a rolled-back order
sends nothing. The task delivers it through ``EMAIL_DELIVERY_BACKEND`` (what
``EMAIL_URL`` names) and retries while the mail server is unreachable.
"""

import base64
from functools import partial

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives
from django.db import transaction


def message_to_data(message: EmailMessage) -> dict:
    """A JSON-serialisable copy of ``message`` (for the task queue)."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise ValueError("MIMEBase attachments cannot be queued; attach (name, content, type)")
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode(), mimetype, True])
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype, is_base64 in data["attachments"]:
        message.attach(filename, base64.b64decode(content) if is_base64 else content, mimetype)
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    return message


class TaskEmailBackend(BaseEmailBackend):
    """Queue each message as its own task (a retry never re-sends another's)."""

    def send_messages(self, email_messages) -> int:
        from .tasks import send_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_data(message)
            # robust: a broker outage after the commit is logged, never shown as an error
            # page for an order that was placed.
            transaction.on_commit(partial(send_email.delay, data), robust=True)
            count += 1
        return count


def send_in_language(*, language: str, template_prefix: str, context: dict, to: list[str]) -> int:
    """Render ``<template_prefix>_subject.txt`` and ``_body.txt`` in ``language`` and send
    them to ``to`` (through the task queue, like every shop e-mail). Returns how many
    were sent; nothing when ``to`` is empty."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    to = [address for address in to if address]
    if not to:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
