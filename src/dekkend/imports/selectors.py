"""Reads of imports: the runs in the user's scope, one run's report (audited: a report of a
funded-pupil or thuiszitter list names pupils), the lookups a check needs, and the reconciliation
of DUO's funded pupils with the granted TLVs (audited with every pupil it shows)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import SchoolLocation, Swv
from dekkend.pupils.models import Pupil
from dekkend.referrals.models import TLV_TYPES, Application, ApplicationStatus

from . import rules
from .formats import CountLookup, PupilLookup
from .models import FundedPupil, ImportKind, ImportRun, ImportStatus

MAX_ID = 2**63 - 1
LOOKUP_CHUNK = 500


def import_run_queryset(*, user) -> QuerySet[ImportRun]:
    """The runs the user may see, newest first (per kind: the SWVs where they may import it)."""
    return ImportRun.objects.filter(permissions.import_run_scope_q(user)).select_related("swv", "created_by")


def _audit(context, outcome, object_id, swv_id=None, role=None, basis=permissions.Basis.NONE, **detail) -> None:
    audit_event_record(
        context=context,
        action=AuditAction.READ,
        outcome=outcome,
        object_type="import_run",
        object_id=object_id,
        swv_id=swv_id,
        role=role,
        access_basis=basis,
        detail=detail or None,
    )


def import_run_get(*, run_id: int, context: AuditContext, audit_success: bool = True) -> ImportRun:
    """One run with its report. 403 for a role without imports; 404 for a run out of scope.
    Every outcome is audited (a successful read unless ``audit_success`` is False, for a caller
    that has just written its own row)."""
    user = context.user
    if not permissions.has_action(user, Action.VIEW_IMPORTS):
        _audit(context, AuditOutcome.DENIED, run_id)
        raise PermissionDenied
    run = (
        ImportRun.objects.select_related("swv", "created_by", "confirmed_by").filter(pk=run_id).first()
        if 0 < run_id <= MAX_ID
        else None
    )
    decision = permissions.decide_import(user, run.kind, run.swv_id) if run is not None else permissions.DENIED
    if not decision.allowed:
        _audit(context, AuditOutcome.DENIED, run_id, swv_id=run.swv_id if run else None)
        raise Http404
    if audit_success:
        _audit(context, AuditOutcome.SUCCESS, run.pk, run.swv_id, decision.role, decision.basis, kind=run.kind)
    return run


def import_swvs(*, user, kind: str | None = None) -> QuerySet[Swv]:
    """The SWVs the user may import for (one kind, or any)."""
    kinds = [kind] if kind else list(ImportKind.values)
    swv_ids = set().union(*(permissions.import_swv_ids(user, name) for name in kinds))
    return Swv.objects.filter(pk__in=sorted(swv_ids)).order_by("name")


def import_kinds(*, user) -> list[tuple[str, str]]:
    """The kinds of import the user may run somewhere, as (value, label)."""
    return [(value, label) for value, label in ImportKind.choices if permissions.import_swv_ids(user, value)]


def count_lookup(*, swv_id: int) -> CountLookup:
    rows = SchoolLocation.objects.filter(school__swv_id=swv_id).values_list("school_id", "school__brin", "id", "code")
    return CountLookup(
        brins=frozenset(brin.upper() for _school, brin, _location, _code in rows),
        locations={(brin.upper(), code): (school, location) for school, brin, location, code in rows},
    )


def pupil_lookup(*, swv_id: int, pupil_numbers: list[str], user) -> PupilLookup:
    """The pupils of the SWV with these numbers (matched on number and date of birth by the
    check) and which of them already have an open thuiszitter case."""
    from dekkend.steunpunt.selectors import thuiszitter_queryset

    numbers = sorted({number.strip() for number in pupil_numbers if number and number.strip()})
    pupils: dict[tuple[str, datetime.date], int] = {}
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        for pupil_id, number, birth_date in Pupil.objects.filter(swv_id=swv_id, pupil_number__in=chunk).values_list(
            "id", "pupil_number", "birth_date"
        ):
            pupils[rules.thuiszitter_match_key(number, birth_date)] = pupil_id
    ids = sorted(pupils.values())
    open_cases: set[int] = set()
    for start in range(0, len(ids), LOOKUP_CHUNK):
        open_cases.update(
            thuiszitter_queryset(user=user, open_only=True)
            .filter(pupil_id__in=ids[start : start + LOOKUP_CHUNK])
            .values_list("pupil_id", flat=True)
        )
    return PupilLookup(pupils=pupils, open_cases=frozenset(open_cases))


def latest_funding_run(*, swv_id: int) -> ImportRun | None:
    """DUO's current list of funded pupils: the newest stored funding import of the SWV."""
    return (
        ImportRun.objects.filter(swv_id=swv_id, kind=ImportKind.FUNDING, status=ImportStatus.STORED)
        .order_by("-id")
        .first()
    )


# --- Reconciliation of DUO's funded pupils with the granted TLVs --------------------------------

ISSUES = {
    "funded_not_granted": _("Funded by DUO, no granted TLV here"),
    "granted_not_funded": _("Granted here, not funded by DUO"),
    "differs": _("Type or funding category differs"),
}


@dataclass
class ReconciliationLine:
    issue: str
    decision_number: str
    application_id: int | None = None
    pupil_id: int | None = None
    pupil_number: str = ""
    duo_pupil: str = ""
    birth_date: datetime.date | None = None
    duo_type: str = ""
    duo_category: int | None = None
    our_type: str = ""
    our_category: int | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    @property
    def issue_label(self) -> str:
        return str(ISSUES[self.issue])


@dataclass
class Reconciliation:
    swv: Swv
    on: datetime.date
    run: ImportRun | None
    lines: dict[str, list[ReconciliationLine]] = field(default_factory=dict)
    matched: int = 0

    @property
    def all_lines(self) -> list[ReconciliationLine]:
        return [line for issue in ISSUES for line in self.lines.get(issue, [])]


TLV_FIELDS = (
    "id",
    "pupil_id",
    "pupil__pupil_number",
    "pupil__birth_date",
    "provision_type",
    "funding_category",
    "valid_from",
    "valid_until",
)


def reconcile(*, swv: Swv, on: datetime.date, run: ImportRun | None) -> Reconciliation:
    """Both ways, by decision number (MEASURES.md): DUO's funded pupils without a granted TLV of
    this SWV; the SWV's TLVs in force on ``on`` that DUO does not fund; and the pairs whose type
    of education or funding category differ. Pure reads, no audit (see ``reconciliation_get``)."""
    result = Reconciliation(swv=swv, on=on, run=run, lines={issue: [] for issue in ISSUES})
    granted = {
        row[0]: row
        for row in Application.objects.filter(
            swv_id=swv.pk, type__in=TLV_TYPES, status=ApplicationStatus.GRANTED
        ).values_list(*TLV_FIELDS)
    }
    funded = list(FundedPupil.objects.filter(import_run=run).order_by("row")) if run is not None else []
    funded_ids = set()
    for line in funded:
        application_id = rules.application_id_from(line.decision_number)
        tlv = granted.get(application_id)
        duo = {
            "decision_number": line.decision_number,
            "duo_pupil": line.pupil_key,
            "birth_date": line.birth_date,
            "duo_type": line.provision_type,
            "duo_category": line.funding_category,
            "valid_from": line.valid_from,
            "valid_until": line.valid_until,
        }
        if tlv is None:
            result.lines["funded_not_granted"].append(ReconciliationLine(issue="funded_not_granted", **duo))
            continue
        funded_ids.add(application_id)
        _id, pupil_id, number, _birth, our_type, our_category, _from, _until = tlv
        if (our_type, our_category) != (line.provision_type, line.funding_category):
            result.lines["differs"].append(
                ReconciliationLine(
                    issue="differs",
                    application_id=application_id,
                    pupil_id=pupil_id,
                    pupil_number=number,
                    our_type=our_type,
                    our_category=our_category,
                    **duo,
                )
            )
        else:
            result.matched += 1
    for application_id, tlv in sorted(granted.items()):
        _id, pupil_id, number, birth_date, our_type, our_category, valid_from, valid_until = tlv
        if application_id in funded_ids or not rules.in_force(valid_from, valid_until, on):
            continue
        result.lines["granted_not_funded"].append(
            ReconciliationLine(
                issue="granted_not_funded",
                decision_number=rules.decision_number(application_id),
                application_id=application_id,
                pupil_id=pupil_id,
                pupil_number=number,
                birth_date=birth_date,
                our_type=our_type,
                our_category=our_category,
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )
    return result


def reconciliation_get(
    *, swv_id: int, on: datetime.date, context: AuditContext, export: bool = False
) -> Reconciliation:
    """The reconciliation for one SWV, for a user who imports its funding list; one audit row names
    every pupil it shows (an export is audited as one)."""
    user = context.user
    action = AuditAction.EXPORT if export else AuditAction.READ
    if swv_id not in permissions.reconciliation_swv_ids(user):
        audit_event_record(
            context=context,
            action=action,
            outcome=AuditOutcome.DENIED,
            object_type="tlv_reconciliation",
            object_id=swv_id,
            access_basis=permissions.Basis.NONE,
        )
        raise PermissionDenied
    swv = Swv.objects.get(pk=swv_id)
    result = reconcile(swv=swv, on=on, run=latest_funding_run(swv_id=swv_id))
    audit_event_record(
        context=context,
        action=action,
        outcome=AuditOutcome.SUCCESS,
        object_type="tlv_reconciliation",
        object_id=swv_id,
        swv_id=swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={
            "on": on.isoformat(),
            "import_run": result.run.pk if result.run else None,
            "pupil_ids": sorted({line.pupil_id for line in result.all_lines if line.pupil_id}),
        },
    )
    return result
