"""E-mail leaves through the Celery task: queued after commit, delivered, retried."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from marketplace.core import tasks

pytestmark = pytest.mark.django_db

TASK_BACKEND = "marketplace.core.mail.TaskEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = TASK_BACKEND
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    settings.CELERY_TASK_ALWAYS_EAGER = True


def _order_mail() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Pesanan 100023 diterima",
        body="Terima kasih atas pesanan Anda.",
        from_email="toko@batik.example",
        to=["pembeli@example.com"],
        bcc=["arsip@batik.example"],
        reply_to=["cs@batik.example"],
        headers={"X-Order": "100023"},
    )
    message.attach_alternative("<p>Terima kasih atas pesanan Anda.</p>", "text/html")
    message.attach("faktur.pdf", b"%PDF-1.4 invoice", "application/pdf")
    return message


def test_mail_is_delivered_through_the_task_once_the_transaction_commits(
    queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _order_mail().send() == 1
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert sent.subject == "Pesanan 100023 diterima"
    assert sent.to == ["pembeli@example.com"]
    assert sent.bcc == ["arsip@batik.example"]
    assert sent.reply_to == ["cs@batik.example"]
    assert sent.extra_headers == {"X-Order": "100023"}
    assert list(sent.alternatives[0]) == ["<p>Terima kasih atas pesanan Anda.</p>", "text/html"]
    assert list(sent.attachments[0]) == ["faktur.pdf", b"%PDF-1.4 invoice", "application/pdf"]


def test_a_rolled_back_transaction_sends_no_mail(queued_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _order_mail().send()
    # The callbacks are dropped, as Django drops them on rollback.
    del callbacks
    assert mail.outbox == []


class FlakyBackend(LocmemBackend):
    """Refuses the first delivery, as a mail server that is briefly down."""

    attempts = 0

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


def test_a_failed_delivery_is_retried(settings, queued_mail):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = 0
    from marketplace.core.mail import message_to_data

    # apply() runs the retry inline (a worker would wait 30 s first).
    tasks.send_email.apply(args=[message_to_data(_order_mail())], throw=False)
    assert FlakyBackend.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Pesanan 100023 diterima"]


def test_the_celery_app_runs_tasks_inline_by_default():
    from marketplace import celery_app

    assert celery_app.conf.task_always_eager is True
    assert "marketplace.core.tasks.send_email" in celery_app.tasks
