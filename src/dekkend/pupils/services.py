"""Writes concerning pupils: the grants that open a record outside the normal scope, and a
change of the pupil's school location (its placement history)."""

import datetime
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.organisations.models import SchoolLocation

from .models import Placement, Pupil, PupilAccessGrant

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


def placement_change(
    *, pupil_id: int, location_id: int, start_date: datetime.date, reason: str, context: AuditContext
) -> Placement:
    """The pupil moves to another school location from ``start_date``: the open placement ends
    on that date (an end date is the next placement's start, as in the demo histories), a new
    one starts, and the pupil's school, location, SWV and sector follow.

    The caller has decided that the user may do this (e.g. the admissions service for the
    school of registration); this function writes the history and the audit event. A start
    on or before the start of the open placement is refused (history is not rewritten).
    """
    location = SchoolLocation.objects.select_related("school").get(pk=location_id)
    school = location.school
    with transaction.atomic():
        pupil = Pupil.objects.select_for_update().get(pk=pupil_id)
        open_placements = list(pupil.placements.filter(end_date__isnull=True))
        if any(p.start_date >= start_date for p in open_placements):
            raise ValidationError({"start_date": _("The pupil's current placement started on or after this date.")})
        old = {"school": pupil.school_id, "location": pupil.location_id, "swv": pupil.swv_id}
        for placement in open_placements:
            placement.end_date = start_date
            placement.save(update_fields=["end_date"])
        placement = Placement(pupil=pupil, school=school, start_date=start_date, reason=reason)
        placement.full_clean()
        placement.save()
        pupil.school = school
        pupil.location = location
        pupil.swv_id = school.swv_id
        pupil.sector = school.sector
        pupil.full_clean()
        pupil.save(update_fields=["school", "location", "swv", "sector"])
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="placement",
            object_id=placement.pk,
            pupil_id=pupil.pk,
            swv_id=school.swv_id,
            access_basis=permissions.Basis.SCOPE,
            detail={
                "old": old,
                "new": {"school": school.pk, "location": location.pk, "swv": school.swv_id},
                "start_date": start_date.isoformat(),
                "reason": reason,
            },
        )
    return placement
