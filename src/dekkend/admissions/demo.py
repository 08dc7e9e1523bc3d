"""Demo records after the decision, for the Almere SWVs: registrations in every state (with
the zorgplicht clock running, extended, overdue, temporarily placed, admitted, placed with a
warme overdracht, refused with an offer elsewhere), plaatsingstafel cases and objections
against TLV decisions. Synthetic and deterministic (seeded); dates relative to today so the
clock shows live deadlines. Called by ``./dekkend demo`` after the referrals demo.

When the referrals demo made no decided TLV, a few minimal decided TLVs are added here so that
the objections and a placement at a special school can be shown (our choice; marked in their
motivation)."""

import contextlib
import datetime
import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.audit.services import AuditContext
from dekkend.organisations.models import School, Swv
from dekkend.pupils.models import Placement, Pupil
from dekkend.pupils.services import placement_change
from dekkend.referrals.models import TLV_TYPES, Application

from . import rules
from .models import Admission, Handover, Objection, TableCase, TimelineEvent

SEED = 20250301
SWV_CODES = ("almere-po", "almere-vo")
SPECIAL = {"almere-po": ("sbo", "so"), "almere-vo": ("vso", "pro")}
DEMO_MARK = "Synthetisch demobesluit (aanmelding-demo)."


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


class _Loader:
    def __init__(self, swv: Swv, context: AuditContext, rng: random.Random, today: datetime.date):
        self.swv = swv
        self.context = context
        self.rng = rng
        self.today = today
        schools = list(School.objects.filter(swv=swv).order_by("id"))
        special_types = SPECIAL.get(swv.code, ())
        self.special = [s for s in schools if s.school_type in special_types]
        self.regular = [s for s in schools if s.school_type not in rules.SCHOOL_TYPES_NEEDING_TLV]
        demo_school = (
            RoleAssignment.objects.filter(user__username="school", user__is_demo=True, role=Role.SCHOOL, swv=swv)
            .values_list("school_id", flat=True)
            .first()
        )
        self.target = next((s for s in self.regular if s.pk == demo_school), self.regular[0] if self.regular else None)
        self.used: set[int] = set()
        self.counts = {"admissions": 0, "table": 0, "objections": 0}

    def pupil(self, *, not_at: School) -> Pupil:
        candidates = list(
            Pupil.objects.filter(swv=self.swv, school__in=self.regular)
            .exclude(school=not_at)
            .exclude(pk__in=self.used)
            .select_related("school")
            .order_by("id")[:60]
        )
        pupil = self.rng.choice(candidates)
        self.used.add(pupil.pk)
        return pupil

    def event(self, subject, what: str, on: datetime.date, old: str = "", **detail) -> None:
        kind = {Admission: "admission", Objection: "objection", TableCase: "table_case"}[type(subject)]
        TimelineEvent.objects.create(
            swv=self.swv, what=what, on=on, old_status=old, new_status=subject.status, detail=detail, **{kind: subject}
        )

    def admission(self, state: str, *, ago: int, school: School | None = None, pupil=None, tlv=None) -> Admission:
        school = school or self.target
        pupil = pupil or self.pupil(not_at=school)
        registered = self.today - _days(ago)
        admission = Admission.objects.create(
            swv=self.swv,
            pupil=pupil,
            school=school,
            from_school=pupil.school,
            application=tlv,
            registered_on=registered,
            decision_due=rules.zorgplicht_decision_due(registered),
        )
        self.event(admission, "registered", registered)
        self.counts["admissions"] += 1
        if state == "extended":
            admission.extended_to = admission.decision_due + _days(28)
            admission.extension_reason = "Observatie in de klas loopt nog (demo)."
            admission.parents_notified_on = registered + _days(38)
            admission.save()
            self.event(admission, "extended", registered + _days(40), admission.status, weeks=4)
        elif state == "temporary":
            on = rules.zorgplicht_final_due(registered) + _days(1)
            self.move(admission, on, Placement.Reason.ENROLMENT)
            admission.status = Admission.Status.TEMPORARY
            admission.temporary_from = on
            admission.save()
            self.event(admission, "temporarily_placed", on, Admission.Status.REGISTERED)
        elif state in ("admitted", "placed"):
            decided = registered + _days(min(25, ago - 1))
            admission.status = Admission.Status.ADMITTED
            admission.outcome = Admission.Outcome.PLACED
            admission.decided_on = decided
            admission.motivation = "De school kan de ondersteuning bieden (demo)."
            if state == "admitted":
                admission.planned_start = self.today + _days(14)
            admission.save()
            self.event(admission, "decided_placed", decided, Admission.Status.REGISTERED, late=False)
            handover = Handover.objects.create(
                admission=admission,
                conversation_on=decided + _days(5),
                parents_present=True,
                goals="Taakaanpak en samenwerken; na twee jaar bekijken of terug naar regulier kan (demo).",
            )
            if state == "placed":
                start = decided + _days(21)
                reason = Placement.Reason.TLV if tlv else Placement.Reason.PARENTS_CHOICE
                self.move(admission, start, reason)
                handover.parents_consent_documents = True
                handover.documents_shared_on = decided + _days(5)
                handover.documents = "OPP, overzicht leerlingvolgsysteem"
                handover.save()
                admission.status = Admission.Status.PLACED
                admission.placement_date = start
                admission.save()
                self.event(admission, "placed", start, Admission.Status.ADMITTED)
        elif state == "refused":
            decided = registered + _days(30)
            offer = self.special[0] if self.special else next(s for s in self.regular if s != school)
            admission.status = Admission.Status.REFUSED
            admission.outcome = Admission.Outcome.REFUSED
            admission.decided_on = decided
            admission.motivation = "De ondersteuningsbehoefte vraagt meer dan de school kan bieden (demo)."
            admission.offer_school = offer
            admission.offer_note = "Plek in een kleine groep met intensieve begeleiding (demo)."
            admission.save()
            self.event(admission, "decided_refused", decided, Admission.Status.REGISTERED, offer_school=offer.pk)
        return admission

    def move(self, admission: Admission, on: datetime.date, reason: str) -> None:
        location = admission.school.locations.order_by("code", "id").first()
        if location is None:
            return
        admission.location = location
        # A demo pupil whose history starts later keeps it as it is.
        with contextlib.suppress(ValidationError):
            placement_change(
                pupil_id=admission.pupil_id,
                location_id=location.pk,
                start_date=on,
                reason=reason,
                context=self.context,
            )

    def decided_tlvs(self) -> list[Application]:
        decided = list(
            Application.objects.filter(
                swv=self.swv, type__in=TLV_TYPES, status__in=[Application.Status.GRANTED, Application.Status.REFUSED]
            ).order_by("id")[:4]
        )
        if decided or not self.special:
            return decided
        for index, special in enumerate(self.special[:2] * 2):
            pupil = self.pupil(not_at=special)
            granted = index % 2 == 0
            decided_on = self.today - _days(20 + 12 * index)
            decided.append(
                Application.objects.create(
                    swv=self.swv,
                    pupil=pupil,
                    school=pupil.school,
                    type="tlv",
                    requested_provision_type=special.school_type,
                    parent_consent=True,
                    parent_view="Ouders steunen de aanvraag (demo).",
                    status=Application.Status.GRANTED if granted else Application.Status.REFUSED,
                    outcome="granted" if granted else "refused",
                    provision_type=special.school_type if granted else "",
                    duration="activerend" if granted else "",
                    funding_category=1 if granted and special.school_type in ("so", "vso") else None,
                    decided_on=decided_on,
                    valid_from=decided_on if granted else None,
                    valid_until=decided_on + _days(700) if granted else None,
                    motivation=DEMO_MARK,
                )
            )
        return decided

    def objections(self, decided: list[Application]) -> None:
        for index, application in enumerate(decided):
            sent = application.decided_on
            term_end = rules.objection_term_end(sent)
            late = index == 3
            received = min(self.today, term_end + _days(9) if late else sent + _days(10 + index * 5))
            if received < sent:
                continue
            objection = Objection.objects.create(
                swv=self.swv,
                application=application,
                objector=Objection.Objector.PARENTS if index % 2 == 0 else Objection.Objector.SCHOOL,
                grounds="Wij zijn het niet eens met het besluit over de toelaatbaarheid (demo).",
                decision_sent_on=sent,
                received_on=received,
                term_ends_on=term_end,
                is_late=not rules.objection_timely(term_end=term_end, received_on=received),
                decision_due=rules.objection_decision_due(max(term_end, received)),
            )
            self.event(objection, "objection_registered", received, late=objection.is_late)
            self.counts["objections"] += 1
            if index in (1, 2) and received + _days(7) <= self.today:
                objection.status = Objection.Status.HEARD
                objection.hearing_on = received + _days(7)
                objection.hearing_notes = "Ouders lichtten het bezwaar toe; de school was aanwezig (demo)."
                objection.save()
                self.event(objection, "objection_heard", objection.hearing_on, Objection.Status.RECEIVED)
            if index == 2 and objection.hearing_on and objection.hearing_on + _days(3) <= self.today:
                objection.status = Objection.Status.DECIDED
                objection.outcome = Objection.Outcome.ONGEGROND
                objection.motivation = "Het besluit blijft in stand: de adviezen zijn zorgvuldig (demo)."
                objection.decided_on = objection.hearing_on + _days(3)
                objection.save()
                self.event(objection, "objection_decided", objection.decided_on, Objection.Status.HEARD)

    def table_cases(self) -> None:
        stuck = self.admission("registered", ago=20)
        case = TableCase.objects.create(
            swv=self.swv,
            pupil=stuck.pupil,
            admission=stuck,
            reason=TableCase.Reason.NO_FITTING_PLACE,
            tabled_on=self.today - _days(3),
            parties="School van aanmelding, huidige school, consulent passend onderwijs (demo)",
        )
        self.event(case, "tabled", case.tabled_on)
        pupil = self.pupil(not_at=self.target)
        closed = TableCase.objects.create(
            swv=self.swv,
            pupil=pupil,
            reason=TableCase.Reason.DISPUTE,
            boards_disagreed=True,
            tabled_on=self.today - _days(40),
            parties="Twee schoolbesturen en de directeuren van beide scholen (demo)",
        )
        self.event(closed, "tabled", closed.tabled_on)
        closed.status = TableCase.Status.CLOSED
        closed.meeting_on = self.today - _days(30)
        closed.outcome = "Geen overeenstemming; de manager Toeleiding wijst de school aan (demo)."
        closed.outcome_school = self.special[0] if self.special else self.target
        closed.by_doorzettingsmacht = True
        closed.follow_up = "Evaluatie van de plaatsing met ouders en school (demo)."
        closed.follow_up_on = self.today + _days(30)
        closed.save()
        self.event(closed, "table_decided", closed.meeting_on, TableCase.Status.OPEN, forced=True)
        self.counts["table"] += 2

    def run(self) -> None:
        if self.target is None:
            return
        for state, ago in (
            ("registered", 12),
            ("registered", 50),
            ("extended", 44),
            ("registered", 75),
            ("temporary", 80),
            ("admitted", 30),
            ("placed", 90),
            ("refused", 35),
        ):
            self.admission(state, ago=ago)
        decided = self.decided_tlvs()
        granted = [a for a in decided if a.status == Application.Status.GRANTED and a.provision_type]
        for application in granted[:1]:
            school = next((s for s in self.special if s.school_type == application.provision_type), None)
            if school and application.pupil_id not in self.used and application.decided_on <= self.today - _days(2):
                self.used.add(application.pupil_id)
                self.admission(
                    "registered",
                    ago=(self.today - application.decided_on).days - 1,
                    school=school,
                    pupil=application.pupil,
                    tlv=application,
                )
        self.table_cases()
        self.objections(decided)


@transaction.atomic
def load_demo(*, context: AuditContext) -> str:
    """Admissions in every state, plaatsingstafel cases and objections for the Almere SWVs."""
    today = timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 -- synthetic demo data, not security
    totals = {"admissions": 0, "table": 0, "objections": 0}
    for swv in Swv.objects.filter(code__in=SWV_CODES).order_by("code"):
        loader = _Loader(swv, context, rng, today)
        loader.run()
        for key, value in loader.counts.items():
            totals[key] += value
    return (
        f"Aanmelding: {totals['admissions']} aanmeldingen, {totals['table']} casussen plaatsingstafel, "
        f"{totals['objections']} bezwaren"
    )
