"""Account actions: the second factor (TOTP).

A user has at most one TOTP device that counts: the *confirmed* one. Setting up the second
factor creates an unconfirmed device whose secret the user scans; the device becomes confirmed
when the user types a code it produced. Every change to a user's second factor is written to
the audit log, so that the privacy officer can see who enrolled or reset one, and when.
"""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record

DEVICE_NAME = "Dekkend"
AUDIT_OBJECT_TYPE = "totp_device"


def _clean_token(token: str | None) -> str:
    return (token or "").strip().replace(" ", "")


def confirmed_totp_device(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_verify(*, user, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token``, or ``None``.

    A token is six digits; a token that was already used, or that came in while the device is
    throttled after failures, is refused (django-otp keeps the last used step and the failures).
    """
    token = _clean_token(token)
    if not (token.isdigit() and len(token) == 6):
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token):
                return locked
    return None


def second_factor_is_valid(*, user, token: str) -> bool:
    """Does ``token`` match one of the user's confirmed TOTP devices?"""
    return second_factor_verify(user=user, token=token) is not None


def totp_device_get_or_create_unconfirmed(*, user) -> TOTPDevice:
    """The device being set up: the user's unconfirmed device, created on first use.

    Its secret stays the same until it is confirmed, so reloading the set-up page does not
    invalidate a QR code the user already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user, token: str, context: AuditContext) -> TOTPDevice | None:
    """Confirm the device being set up when ``token`` is a code it produced.

    Returns the confirmed device, or ``None`` (and changes nothing) when the code is wrong.
    """
    token = _clean_token(token)
    if not (token.isdigit() and len(token) == 6):
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type=AUDIT_OBJECT_TYPE,
            object_id=device.pk,
            detail={"user_id": user.pk, "username": user.get_username(), "how": "self-service"},
        )
    return device


class SecondFactorAlreadyEnrolled(Exception):
    """The user already has a confirmed device and ``replace`` was not asked for."""


def totp_device_enroll(*, user, replace: bool = False, context: AuditContext) -> TOTPDevice:
    """An administrator enrols a confirmed device for ``user`` (e.g. ``manage totp_enroll``).

    With ``replace`` every existing device of the user is removed first (a lost phone).
    The caller hands the device's provisioning URI to the user over a safe channel.
    """
    with transaction.atomic():
        existing = TOTPDevice.objects.select_for_update().filter(user=user)
        if not replace and existing.filter(confirmed=True).exists():
            raise SecondFactorAlreadyEnrolled(user.get_username())
        removed = [device.pk for device in existing]
        existing.delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        detail = {"user_id": user.pk, "username": user.get_username(), "how": "administrator"}
        if removed:
            audit_event_record(
                context=context,
                action=AuditAction.DELETE,
                outcome=AuditOutcome.SUCCESS,
                object_type=AUDIT_OBJECT_TYPE,
                object_id=",".join(str(pk) for pk in removed)[:64],
                detail=detail,
            )
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type=AUDIT_OBJECT_TYPE,
            object_id=device.pk,
            detail=detail,
        )
    return device
