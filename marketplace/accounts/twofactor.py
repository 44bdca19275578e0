"""The optional TOTP second factor (django-otp) for people who use the dashboards."""

from __future__ import annotations

import segno
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from marketplace.centres.roles import is_centre_manager, is_marketplace_admin

DEVICE_NAME = "authenticator"


def is_dashboard_user(user) -> bool:
    """Staff, administrators, centre managers and seller logins may turn TOTP on."""
    if not user.is_authenticated:
        return False
    return bool(
        user.is_staff
        or is_marketplace_admin(user)
        or is_centre_manager(user)
        or user.has_perm("partner.dashboard_access")
    )


def has_second_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on first visit, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, for authenticator apps to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


@transaction.atomic
def confirm_second_factor(*, user, token: str) -> bool:
    """Turn TOTP on if ``token`` matches the pending device; False changes nothing."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    record_audit_event(
        action=AuditEvent.Action.SECOND_FACTOR_CHANGED,
        target=user,
        before={"second_factor": False},
        after={"second_factor": True},
    )
    return True


@transaction.atomic
def disable_second_factor(*, user, token: str) -> bool:
    """Turn TOTP off, proved by a current code; a wrong code changes nothing."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    record_audit_event(
        action=AuditEvent.Action.SECOND_FACTOR_CHANGED,
        target=user,
        before={"second_factor": True},
        after={"second_factor": False},
    )
    return True
