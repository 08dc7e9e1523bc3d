"""Retention of TLV dossiers (Bijlage XII, "Bewaartermijn", seeds/001_28cb0100de53310c.txt:6533-6543).

* 3 years after a TLV was granted (``rules.documents_destroy_on``) all underlying information
  is destroyed: the uploaded documents (file and row), the experts' advice, the views of parents
  and pupil, the reasons for an extension and the motivation of the decision (which may hold
  health data). What stays is the decision itself: type, category, duration and dates.
* 7 years after the grant (``rules.decision_destroy_on``) the decision is removed too: the
  application row with its timeline, assignments and reminders.

Every destruction writes an audit event (action ``delete``) naming the dossier and the pupil.
A dry run lists what would go and changes nothing. ``./dekkend manage apply_retention`` and the
daily task ``referrals.tasks.apply_retention`` call :func:`retention_apply`.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions

from . import rules
from .models import TLV_TYPES, Advice, Application, ApplicationDocument

DOCUMENTS = "documents"
DECISION = "decision"


@dataclass(frozen=True)
class RetentionItem:
    application_id: int
    pupil_id: int
    swv_id: int
    what: str  # DOCUMENTS or DECISION
    granted_on: datetime.date
    due_on: datetime.date
    documents: int = 0

    def describe(self) -> str:
        if self.what == DOCUMENTS:
            return _(
                "Dossier %(id)s: destroy %(count)d document(s), the advice and the health data "
                "(granted %(granted)s, due %(due)s)"
            ) % {
                "id": self.application_id,
                "count": self.documents,
                "granted": self.granted_on.isoformat(),
                "due": self.due_on.isoformat(),
            }
        return _("Dossier %(id)s: remove the decision (granted %(granted)s, due %(due)s)") % {
            "id": self.application_id,
            "granted": self.granted_on.isoformat(),
            "due": self.due_on.isoformat(),
        }


@dataclass
class RetentionReport:
    today: datetime.date
    dry_run: bool
    items: list[RetentionItem] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # could not be removed, with the reason

    def summary(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "documents_destroyed": sum(1 for i in self.items if i.what == DOCUMENTS),
            "decisions_removed": sum(1 for i in self.items if i.what == DECISION),
            "kept": len(self.kept),
        }


def _granted_tlvs():
    return Application.objects.filter(
        status=Application.Status.GRANTED, type__in=TLV_TYPES, decided_on__isnull=False
    ).order_by("decided_on", "id")


def retention_due(*, today: datetime.date) -> list[RetentionItem]:
    """What must go on ``today``: documents of TLVs granted 3 years ago or more (not yet
    destroyed) and decisions granted 7 years ago or more. A dossier whose decision is due is
    listed once, as DECISION (that removes everything)."""
    # Candidates by a cheap SQL bound (one spare day for 29 February); the rule decides.
    spare = datetime.timedelta(days=1)
    items: list[RetentionItem] = []
    decisions = _granted_tlvs().filter(decided_on__lte=rules.years_before(today, 7) + spare)
    removed: set[int] = set()
    for pk, pupil_id, swv_id, granted in decisions.values_list("pk", "pupil_id", "swv_id", "decided_on"):
        due = rules.decision_destroy_on(granted)
        if due <= today:
            items.append(RetentionItem(pk, pupil_id, swv_id, DECISION, granted, due))
            removed.add(pk)
    documents = _granted_tlvs().filter(
        decided_on__lte=rules.years_before(today, 3) + spare, documents_destroyed_on__isnull=True
    )
    rows = documents.values_list("pk", "pupil_id", "swv_id", "decided_on")
    counts = dict(
        ApplicationDocument.objects.filter(application__in=documents)
        .values_list("application_id")
        .annotate(n=Count("id"))
        .values_list("application_id", "n")
    )
    for pk, pupil_id, swv_id, granted in rows:
        due = rules.documents_destroy_on(granted)
        if pk not in removed and due <= today:
            items.append(RetentionItem(pk, pupil_id, swv_id, DOCUMENTS, granted, due, counts.get(pk, 0)))
    return items


def _audit(context, item: RetentionItem, object_type: str, object_id, **detail) -> None:
    audit_event_record(
        context=context,
        action=AuditAction.DELETE,
        outcome=AuditOutcome.SUCCESS,
        object_type=object_type,
        object_id=object_id,
        pupil_id=item.pupil_id,
        swv_id=item.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={
            "retention": item.what,
            "application": item.application_id,
            "granted_on": item.granted_on.isoformat(),
            "due_on": item.due_on.isoformat(),
            **detail,
        },
    )


def _delete_file_on_commit(document: ApplicationDocument) -> None:
    """The file goes once the rows are gone for good (a rolled-back run keeps both)."""
    name, storage = document.file.name, document.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _destroy_documents(item: RetentionItem, today: datetime.date, context) -> None:
    application = Application.objects.select_for_update().get(pk=item.application_id)
    for document in ApplicationDocument.objects.filter(application=application):
        _delete_file_on_commit(document)
        _audit(context, item, "application_document", document.pk, kind=document.kind)
        document.delete()
    advices = Advice.objects.filter(assignment__application=application)
    advice_count = advices.count()
    advices.delete()
    application.parent_view = ""
    application.pupil_view = ""
    application.extension_reason = ""
    application.motivation = ""
    application.hearing_attendees = ""
    application.hearing_outcome = ""
    application.documents_destroyed_on = today
    application.save(
        update_fields=[
            "parent_view",
            "pupil_view",
            "extension_reason",
            "motivation",
            "hearing_attendees",
            "hearing_outcome",
            "documents_destroyed_on",
        ]
    )
    _audit(context, item, "application", application.pk, advices=advice_count, health_data_removed=True)


def _remove_decision(item: RetentionItem, today: datetime.date, context) -> None:
    application = Application.objects.select_for_update().get(pk=item.application_id)
    for document in ApplicationDocument.objects.filter(application=application):
        _delete_file_on_commit(document)
        _audit(context, item, "application_document", document.pk, kind=document.kind)
    # A later renewal or bridging budget keeps its own dossier; only its link goes.
    unlinked = list(application.follow_ups.values_list("pk", flat=True))
    application.follow_ups.update(tlv=None)
    application.delete()
    _audit(context, item, "application", item.application_id, unlinked_follow_ups=unlinked)


def retention_apply(
    *, today: datetime.date | None = None, dry_run: bool = False, context: AuditContext
) -> RetentionReport:
    """Destroy (or, in a dry run, list) what the retention periods say must go on ``today``.
    Each dossier in its own transaction: one that cannot go (another record still refers to
    it) is reported in ``kept`` and the rest proceeds."""
    today = today or timezone.localdate()
    report = RetentionReport(today=today, dry_run=dry_run)
    for item in retention_due(today=today):
        if dry_run:
            report.items.append(item)
            continue
        try:
            with transaction.atomic():
                if item.what == DOCUMENTS:
                    _destroy_documents(item, today, context)
                else:
                    _remove_decision(item, today, context)
        except ProtectedError as error:
            report.kept.append(
                _("Dossier %(id)s kept: still referred to by %(count)d other record(s).")
                % {"id": item.application_id, "count": len(error.protected_objects)}
            )
            continue
        report.items.append(item)
    return report
