"""Writes concerning pupils: the grants that open a record outside the normal scope."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions

from .models import Pupil, PupilAccessGrant

EMERGENCY_ACCESS_DURATION = timedelta(hours=8)
EMERGENCY_REASON_MIN_LENGTH = 15


def emergency_access_grant(*, pupil_id: int, reason: str, context: AuditContext) -> PupilAccessGrant:
    """ "Break the glass": open one pupil's record for a working day, with a typed reason.

    Only roles that work on cases may do this, only within their own SWV; the grant and every
    read through it are flagged in the audit log for the privacy officer.
    """
    user = context.user
    reason = (reason or "").strip()
    pupil = Pupil.objects.filter(pk=pupil_id).first()
    if pupil is None or not permissions.may_take_emergency_access(user, pupil):
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.DENIED,
            object_type="emergency_access",
            pupil_id=pupil_id,
            access_basis=permissions.Basis.EMERGENCY,
            reason=reason,
            detail={"requested_pupil": str(pupil_id)},
        )
        raise PermissionDenied
    if len(reason) < EMERGENCY_REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": _("Describe why you need this record now (at least %(n)d characters).")
                % {"n": EMERGENCY_REASON_MIN_LENGTH}
            }
        )
    now = timezone.now()
    with transaction.atomic():
        grant = PupilAccessGrant(
            user=user,
            pupil=pupil,
            basis=PupilAccessGrant.Basis.EMERGENCY,
            reason=reason,
            granted_at=now,
            expires_at=now + EMERGENCY_ACCESS_DURATION,
        )
        grant.full_clean()
        grant.save()
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="emergency_access",
            object_id=grant.pk,
            pupil_id=pupil.pk,
            swv_id=pupil.swv_id,
            access_basis=permissions.Basis.EMERGENCY,
            reason=reason,
            detail={"expires_at": grant.expires_at.isoformat()},
        )
    return grant
