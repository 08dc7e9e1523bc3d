"""Demo dossiers for toeleiding: for every SWV, synthetic applications of every type in every
state (draft to granted/refused), with documents, experts, advice and a timeline, dated relative
to today so that the worklist shows items due later, due today, near and overdue, and the
retention dry run has something to list. Deterministic (seeded) and written in bulk (the
services check each step for a user; the demo writes the states those steps would leave).
Called by ``./dekkend demo`` (``DOMAIN_DEMO_LOADERS``) after the pupils, schools and accounts.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import School, SchoolType, Swv
from dekkend.pupils.models import Pupil

from . import rules
from .models import (
    Advice,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Discipline,
    ExpertAssignment,
    ExpertProfile,
)

SEED = 20251125
PDF = b"%PDF-1.7\n% Synthetisch demodocument (Dekkend)\n%%EOF\n"
SPECIAL_TYPES = {SchoolType.SBO, SchoolType.SO, SchoolType.VSO, SchoolType.PRO}
# The demo experts of demo/services.py DEMO_USERS, with their discipline and areas.
DEMO_EXPERTS = {
    "deskundige1": (Discipline.ORTHOPEDAGOOG, ["leren", "gedrag"]),
    "deskundige2": (Discipline.PSYCHOLOOG, ["communicatie", "gedrag"]),
    "deskundige3": (Discipline.ORTHOPEDAGOOG, ["leren", "werkhouding"]),
}
# The development areas of a demo TLV: always covered by the first two demo experts together.
DEMO_AREAS = (["gedrag"], ["leren"], ["leren", "gedrag"], ["communicatie", "gedrag"])
Status = Application.Status


def _d(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@dataclass
class _Plan:
    """One demo dossier: its state and the days (relative to today) of its steps."""

    status: str
    type: str = "tlv"
    submitted: int | None = None  # days ago
    complete: int | None = None
    incomplete: int | None = None
    advices: list = field(default_factory=list)  # recommendations of expert 1, 2 (and 3)
    extended_weeks: int = 0
    decided: int | None = None
    note: str = ""


# Every state, with dates that put items due later, today, soon and overdue on the worklist.
PLANS = [
    _Plan(Status.DRAFT),
    _Plan(Status.DRAFT, type="maatwerkbudget"),
    _Plan(Status.SUBMITTED, submitted=1),
    _Plan(Status.INCOMPLETE, submitted=20, incomplete=18),  # documents due in 10 days
    _Plan(Status.INCOMPLETE, submitted=30, incomplete=28),  # documents due today
    _Plan(Status.INCOMPLETE, submitted=35, incomplete=31),  # 3 days overdue
    _Plan(Status.COMPLETE, submitted=45, complete=40),  # decision due in 2 days
    _Plan(Status.COMPLETE, submitted=12, complete=10),  # due in 32 days
    _Plan(Status.COMPLETE, submitted=50, complete=45),  # decision 3 days overdue
    _Plan(Status.COMPLETE, type="onderwijsarrangement", submitted=15, complete=12),
    _Plan(Status.IN_ASSESSMENT, submitted=40, complete=34),  # due in 8 days, no advice yet
    _Plan(Status.IN_ASSESSMENT, submitted=45, complete=41, advices=["grant"]),  # due tomorrow
    _Plan(Status.IN_ASSESSMENT, submitted=35, complete=27, advices=["grant", "refuse"]),  # third expert needed
    _Plan(Status.IN_ASSESSMENT, submitted=50, complete=44, advices=["grant"], extended_weeks=4),
    _Plan(Status.REFUSAL_INTENDED, submitted=40, complete=32, advices=["refuse", "refuse"], decided=4),
    _Plan(Status.GRANTED, submitted=130, complete=120, advices=["grant", "grant"], decided=95),
    _Plan(Status.GRANTED, submitted=400, complete=390, advices=["grant", "grant"], decided=370),
    _Plan(
        Status.GRANTED, submitted=3 * 365 + 60, complete=3 * 365 + 50, advices=["grant", "grant"], decided=3 * 365 + 10
    ),
    _Plan(Status.REFUSED, submitted=90, complete=85, advices=["refuse", "refuse"], decided=50),
    _Plan(Status.GRANTED, type="maatwerkbudget", submitted=100, complete=95, decided=85),
    _Plan(Status.GRANTED, type="onderwijsarrangement", submitted=300, complete=290, decided=280),
    # Last: they link a TLV made above.
    _Plan(Status.IN_ASSESSMENT, type="tlv_verlenging", submitted=20, complete=14),
    _Plan(Status.SUBMITTED, type="overbruggingsbudget", submitted=2),
]


class _Loader:
    def __init__(self, swv: Swv, experts: list[ExpertProfile], rng: random.Random, today: datetime.date):
        self.swv, self.experts, self.rng, self.today = swv, experts, rng, today
        self.special = "vso" if swv.sector == "vo" else "so"
        regular = list(
            School.objects.filter(swv=swv)
            .exclude(school_type__in=SPECIAL_TYPES)
            .order_by("id")
            .values_list("id", flat=True)
        )
        demo_school = (
            RoleAssignment.objects.filter(user__username="school", user__is_demo=True, role=Role.SCHOOL, swv=swv)
            .values_list("school_id", flat=True)
            .first()
        )
        pupils = list(Pupil.objects.filter(swv=swv, school_id__in=regular).order_by("id")[:400])
        own = [p for p in pupils if p.school_id == demo_school]
        others = [p for p in pupils if p.school_id != demo_school]
        rng.shuffle(others)
        # Every other dossier at the demo school (while it has pupils), so that the school
        # account sees a full worklist.
        self.pupils = []
        own = own[: len(PLANS) // 2]
        while own or others:
            for source in (own, others):
                if source:
                    self.pupils.append(source.pop(0))
        self.events: list[ApplicationEvent] = []
        self.documents = 0

    def event(self, application, what, days_ago, old, new, **detail):
        self.events.append(
            ApplicationEvent(
                application=application,
                swv=self.swv,
                what=what,
                on=self.today - _d(days_ago),
                old_status=old,
                new_status=new,
                detail=detail,
            )
        )

    def application(self, plan: _Plan, pupil: Pupil, tlv: Application | None) -> Application:
        today = self.today
        tlv_type = plan.type in ("tlv", "tlv_verlenging")
        application = Application(
            swv=self.swv,
            pupil=pupil,
            school_id=pupil.school_id,
            type=plan.type,
            requested_provision_type=self.special if tlv_type else "",
            parent_consent=plan.status != Status.DRAFT or self.rng.random() < 0.5,
            parent_view=_("The parents support this application (synthetic demo text)."),
            status=plan.status,
            tlv=tlv if plan.type in ("tlv_verlenging", "overbruggingsbudget") else None,
            school_support_since=today - _d(300),
            development_areas=list(self.rng.choice(DEMO_AREAS)) if tlv_type else [],
            created_at=timezone.now(),
        )
        if plan.type == "maatwerkbudget":
            application.prevents_tlv = application.general_funds_spent = application.school_funding_explored = True
            application.period_start = today - _d(85 if plan.decided else -7)
            application.period_end = rules.months_after(application.period_start, 3) - _d(1)
        if plan.type == "onderwijsarrangement" and plan.decided:
            # Its renewal review (3 months before the end) falls in 10 days.
            application.period_end = rules.months_after(today + _d(10), rules.ARRANGEMENT_REVIEW_MONTHS_BEFORE_END)
            application.period_start = rules.months_after(application.period_end, -12) + _d(1)
        elif plan.type == "onderwijsarrangement":
            application.period_start = today + _d(30)
            application.period_end = rules.school_year_end(application.period_start)
        if plan.type == "overbruggingsbudget":
            application.prevents_absence = True
            application.placement_on = rules.school_year_end(today) + _d(25)
        if plan.submitted is not None:
            application.submitted_on = today - _d(plan.submitted)
        if plan.incomplete is not None:
            application.documents_due = rules.documents_due(today - _d(plan.incomplete))
        if plan.complete is not None:
            application.complete_on = today - _d(plan.complete)
            application.decision_due = rules.decision_due(application.complete_on)
            if plan.extended_weeks:
                application.decision_extended_to = application.decision_due + datetime.timedelta(
                    weeks=plan.extended_weeks
                )
                application.extension_reason = _("A third opinion is being sought (synthetic demo text).")
        if plan.type == "onderwijsarrangement" and plan.complete is not None:
            application.coordinator_reviewed_on = application.complete_on + _d(3) if plan.decided else None
        if plan.decided is not None:
            application.decided_on = today - _d(plan.decided)
            application.motivation = _("Decision on the experts' advice (synthetic demo text).")
        if plan.status == Status.GRANTED:
            application.outcome = Application.Outcome.GRANTED
            if tlv_type:
                application.provision_type = self.special
                application.funding_category = 2 if self.special in ("so", "vso") else None
                application.duration = "langdurig"
                application.valid_from = application.decided_on
                application.valid_until = rules.tlv_valid_until(
                    valid_from=application.decided_on,
                    duration="langdurig",
                    provision_type=self.special,
                    birth_date=pupil.birth_date,
                )
            else:
                application.valid_from, application.valid_until = application.period_start, application.period_end
            application.follow_up_on = rules.follow_up_on(application.type, application.valid_until)
        if plan.status == Status.REFUSED:
            application.outcome = Application.Outcome.REFUSED
            application.hearing_planned_on = application.hearing_held_on = today - _d(plan.decided + 7)
            application.hearing_attendees = _("The parents, the intern begeleider and the secretariat (synthetic).")
            application.hearing_outcome = _("The parents explained their view; it was weighed (synthetic demo text).")
        if plan.status == Status.REFUSAL_INTENDED:
            application.hearing_planned_on = today + _d(7)
        if plan.advices:
            application.triage = "hamerstuk" if len(set(plan.advices)) == 1 else "bespreekdossier"
        return application

    def timeline(self, application: Application, plan: _Plan) -> None:
        self.event(application, "created", (plan.submitted or 0) + 3, "", Status.DRAFT, type=plan.type)
        if plan.submitted is None:
            return
        self.event(application, "submitted", plan.submitted, Status.DRAFT, Status.SUBMITTED)
        last = Status.SUBMITTED
        if plan.incomplete is not None:
            self.event(application, "incomplete", plan.incomplete, last, Status.INCOMPLETE)
            last = Status.INCOMPLETE
        if plan.complete is None:
            return
        self.event(application, "complete", plan.complete, last, Status.COMPLETE)
        last = Status.COMPLETE
        if application.coordinator_reviewed_on:
            self.event(application, "coordinator_reviewed", plan.complete - 3, last, last, suitable=True)
        if plan.type in ("tlv", "tlv_verlenging") and (plan.advices or plan.status == Status.IN_ASSESSMENT):
            self.event(application, "experts_assigned", plan.complete - 1, last, Status.IN_ASSESSMENT)
            last = Status.IN_ASSESSMENT
            for order, recommendation in enumerate(plan.advices, start=1):
                self.event(
                    application,
                    "advised",
                    plan.complete - 2 - order,
                    last,
                    last,
                    order=order,
                    recommendation=recommendation,
                )
        if plan.extended_weeks:
            self.event(application, "decision_extended", plan.complete - 5, last, last, weeks=plan.extended_weeks)
        if plan.status == Status.REFUSED:
            self.event(application, "refusal_intended", plan.decided + 14, last, Status.REFUSAL_INTENDED)
            last = Status.REFUSAL_INTENDED
            self.event(application, "hearing_planned", plan.decided + 12, last, last)
            self.event(application, "hearing_held", plan.decided + 7, last, last)
        if plan.status == Status.REFUSAL_INTENDED:
            self.event(application, plan.status, plan.decided, last, plan.status)
            self.event(application, "hearing_planned", plan.decided - 1, plan.status, plan.status)
            return
        if plan.decided is not None:
            self.event(application, plan.status, plan.decided, last, plan.status)

    def experts_and_advice(self, application: Application, plan: _Plan) -> None:
        if application.type not in ("tlv", "tlv_verlenging") or not (
            plan.advices or plan.status == Status.IN_ASSESSMENT
        ):
            return
        orders = 3 if len(plan.advices) == 2 and len(set(plan.advices)) == 2 else 2
        assigned_on = application.complete_on + _d(1)
        for order in range(1, orders + 1):
            profile = self.experts[order - 1]
            assignment = ExpertAssignment.objects.create(
                application=application, expert=profile, order=order, assigned_on=assigned_on
            )
            if order <= len(plan.advices):
                grant_advice = plan.advices[order - 1] == "grant"
                Advice.objects.create(
                    assignment=assignment,
                    recommendation=plan.advices[order - 1],
                    provision_type=self.special if grant_advice else "",
                    funding_category=(2 if self.special in ("so", "vso") else None) if grant_advice else None,
                    duration="langdurig" if grant_advice else "",
                    triage=application.triage if order == 1 else "",
                    motivation=_("Advice based on the OPP and the school's findings (synthetic demo text)."),
                    advised_on=min(assigned_on + _d(order * 2), self.today),
                )

    def add_documents(self, application: Application) -> None:
        if application.status == Status.DRAFT and self.rng.random() < 0.5:
            return
        submitted = application.submitted_on or self.today
        kinds = [("opp", 60), ("lvs", 30)]
        if application.status == Status.INCOMPLETE:
            kinds = [("opp", 420)]  # the OPP is too old and the LVS data is missing
        for kind, age in kinds:
            document = ApplicationDocument(
                application=application,
                kind=kind,
                document_date=submitted - _d(age),
                signed_by_parents=True,
                original_name=f"{kind}-demo.pdf",
                content_type="application/pdf",
                size=len(PDF),
            )
            document.file.save("demo.pdf", ContentFile(PDF), save=False)
            document.save()
            self.documents += 1

    def load(self) -> int:
        made: list[Application] = []
        granted_tlv = None
        assessed_tlv = None
        for index, plan in enumerate(PLANS):
            pupil = self.pupils[index % len(self.pupils)]
            link = None
            if plan.type == "tlv_verlenging":
                link = granted_tlv
                pupil = granted_tlv.pupil if granted_tlv else pupil
            if plan.type == "overbruggingsbudget":
                link = assessed_tlv
                pupil = assessed_tlv.pupil if assessed_tlv else pupil
            application = self.application(plan, pupil, link)
            application.save()
            if plan.type == "tlv" and plan.status == Status.GRANTED and granted_tlv is None:
                granted_tlv = application
            if plan.type == "tlv" and plan.status == Status.COMPLETE and assessed_tlv is None:
                assessed_tlv = application
            self.add_documents(application)
            self.experts_and_advice(application, plan)
            self.timeline(application, plan)
            made.append(application)
        ApplicationEvent.objects.bulk_create(self.events)
        audit_event_record(
            context=AuditContext(purpose="demo"),
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="application",
            swv_id=self.swv.pk,
            detail={"demo": True, "application_ids": [a.pk for a in made]},
        )
        return len(made)


def _experts(swv: Swv) -> list[ExpertProfile]:
    """Profiles in this SWV for the three demo experts, the first an orthopedagoog or
    psycholoog (the rule for the first expert). An expert may work for several SWVs; only where
    the account holds the expert role can it open the dossiers (no extra accounts are made)."""
    User = get_user_model()
    profiles = []
    for username, (discipline, areas) in DEMO_EXPERTS.items():
        user = User.objects.filter(username=username, is_demo=True).first()
        if user is None:
            continue
        profiles.append(
            ExpertProfile.objects.get_or_create(
                swv=swv, user=user, defaults={"discipline": discipline, "expertise_areas": areas}
            )[0]
        )
    has_role = set(
        RoleAssignment.objects.filter(role=Role.EXPERT, swv=swv, user__in=[p.user for p in profiles]).values_list(
            "user_id", flat=True
        )
    )
    # Experts who can open the dossiers first, then a first expert by discipline.
    profiles.sort(key=lambda p: (p.user_id not in has_role, p.discipline not in rules.FIRST_EXPERT_DISCIPLINES))
    if profiles and profiles[0].discipline not in rules.FIRST_EXPERT_DISCIPLINES:
        first = next((p for p in profiles if p.discipline in rules.FIRST_EXPERT_DISCIPLINES), profiles[0])
        profiles.remove(first)
        profiles.insert(0, first)
    return profiles


def load_demo(*, context: AuditContext) -> str:
    """Demo dossiers in every state for every SWV that has pupils at a regular school."""
    rng = random.Random(SEED)  # noqa: S311 -- synthetic demo data, not security
    today = timezone.localdate()
    total, swvs, documents = 0, 0, 0
    for swv in Swv.objects.order_by("code"):
        if not Pupil.objects.filter(swv=swv).exists():
            continue
        experts = _experts(swv)
        loader = _Loader(swv, experts, rng, today)
        if not loader.pupils or len(experts) < 3:
            continue
        total += loader.load()
        documents += loader.documents
        swvs += 1
    return _(
        "Toeleiding: %(n)d demo dossiers in every state for %(swvs)d samenwerkingsverbanden (%(docs)d documents)."
    ) % {
        "n": total,
        "swvs": swvs,
        "docs": documents,
    }
