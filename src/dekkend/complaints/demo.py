"""Demo complaints: a handful per SWV per year over the last five years, some about an
application (and so a pupil), some about a school, some without either; older ones closed with
an outcome, recent ones open or acknowledged. Synthetic and deterministic (seeded), marked as
demo in their summary. Called by ``./dekkend demo`` after the other domains' demo data."""

import datetime
import random

from django.utils import timezone

from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.organisations.models import School, Swv
from dekkend.referrals.models import Application

from .models import Complaint

SEED = 20261125
YEARS = 5
PER_YEAR = (3, 7)  # a handful: between 3 and 7 a year
DEMO_MARK = " (synthetisch demovoorbeeld)"
SUMMARIES = {
    Complaint.Procedure.TOELEIDING: (
        "Ouders vinden dat het besluit over de aanvraag te lang op zich liet wachten.",
        "De school kreeg geen bericht dat de aanvraag onvolledig was.",
        "Ouders voelden zich niet gehoord in het gesprek over de aanvraag.",
    ),
    Complaint.Procedure.PLACEMENT: (
        "Er was lange tijd geen passende plek; ouders zijn niet op de hoogte gehouden.",
        "De overstap naar de nieuwe school verliep rommelig; de afspraken waren niet duidelijk.",
    ),
    Complaint.Procedure.STEUNPUNT: (
        "Ouders werden niet teruggebeld door het steunpunt zoals was afgesproken.",
        "De informatie op de website over de route naar extra ondersteuning was onduidelijk.",
    ),
    Complaint.Procedure.SUPPORT: (
        "Het arrangement kwam later op gang dan was toegezegd.",
        "De school vindt dat de verdeling van de arrangementsmiddelen niet uitlegbaar is.",
    ),
    Complaint.Procedure.OTHER: ("Onvrede over de bereikbaarheid van het secretariaat.",),
}
EXPLANATIONS = {
    Complaint.Outcome.GEGROND: "De termijn is overschreden; excuses aangeboden en de werkwijze aangepast.",
    Complaint.Outcome.DEELS_GEGROND: "Een deel van de klacht klopt; afspraken over de communicatie gemaakt.",
    Complaint.Outcome.ONGEGROND: "De procedure is gevolgd zoals beschreven; dit is toegelicht in een gesprek.",
    Complaint.Outcome.INGETROKKEN: "De klager heeft de klacht na een gesprek ingetrokken.",
    Complaint.Outcome.OPGELOST: "In overleg met ouders en school is een oplossing gevonden.",
}


def _complaints_for(swv: Swv, rng: random.Random, today: datetime.date) -> list[Complaint]:
    handlers = sorted(permissions.complaint_handler_ids(swv.pk))
    schools = list(School.objects.filter(swv=swv).order_by("id").values_list("id", flat=True)[:200])
    rows = []
    for year in range(today.year - YEARS + 1, today.year + 1):
        start = datetime.date(year, 1, 1)
        last = min(datetime.date(year, 12, 31), today)
        applications = list(
            Application.objects.filter(swv=swv, submitted_on__year=year)
            .order_by("id")
            .values_list("id", "school_id")[:50]
        )
        for _n in range(rng.randint(*PER_YEAR)):
            received = start + datetime.timedelta(days=rng.randint(0, (last - start).days))
            procedure = rng.choice(Complaint.Procedure.values)
            application_id = school_id = None
            if procedure == Complaint.Procedure.TOELEIDING and applications and rng.random() < 0.7:
                application_id, school_id = rng.choice(applications)
            elif schools and rng.random() < 0.5:
                school_id = rng.choice(schools)
            complaint = Complaint(
                swv=swv,
                received_on=received,
                complainant=rng.choice(
                    (Complaint.Complainant.PARENTS,) * 3 + (Complaint.Complainant.SCHOOL, Complaint.Complainant.OTHER)
                ),
                procedure=procedure,
                application_id=application_id,
                school_id=school_id,
                summary=rng.choice(SUMMARIES[procedure]) + DEMO_MARK,
                handler_id=rng.choice(handlers) if handlers else None,
            )
            age = (today - received).days
            if age >= 3:
                complaint.status = Complaint.Status.ACKNOWLEDGED
                complaint.acknowledged_on = received + datetime.timedelta(days=rng.randint(1, 3))
            if age >= 45 or (age >= 10 and rng.random() < 0.5):
                outcome = rng.choice(Complaint.Outcome.values)
                complaint.status = Complaint.Status.CLOSED
                complaint.outcome = outcome
                complaint.explanation = EXPLANATIONS[outcome] + DEMO_MARK
                complaint.handled_on = min(today, received + datetime.timedelta(days=rng.randint(10, 42)))
            rows.append(complaint)
    return rows


def load_demo(*, context: AuditContext) -> str:
    """A handful of complaints per SWV per year, for every SWV."""
    today = timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 -- synthetic demo data, not security
    rows = []
    swvs = list(Swv.objects.order_by("code"))
    for swv in swvs:
        rows += _complaints_for(swv, rng, today)
    Complaint.objects.bulk_create(rows)
    return f"Klachten: {len(rows)} klachten bij {len(swvs)} samenwerkingsverbanden"
