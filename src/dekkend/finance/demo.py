"""Demo data of the finance app.

- The published budgets and reserves of Bijlage VII for every SWV the data has them for
  (Almere PO and VO): real public figures, not synthetic.
- The vangnet rates table (example amounts, ``data/vangnet_rates.yaml``) for every SWV with
  schools of specialised education, and synthetic declarations of a few of those schools: one
  approved, one awaiting verification, one draft (seeded, so every run is the same).
- Arrangement funds per school for the SWVs with a budget: the general funds spread the budget
  line "Algemene arrangementsmiddelen" over the pupils of the schools on the counting date
  (1 February for PO, 1 October for VO: 001:3899-3901), the specific funds are the budget's
  named arrangements given to schools, LWA funds in VO follow the pupils; one agreement per board.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import School, Sector, Swv

from . import rules
from .models import (
    AgreementStatus,
    ArrangementFund,
    BoardAgreement,
    Budget,
    DeclarationStatus,
    FundKind,
    MovementDirection,
    Orientation,
    VangnetDeclaration,
    VangnetMovement,
)
from .selectors import vangnet_calculation
from .services import budgets_load, reserves_load, vangnet_rates_load

DEMO_YEAR = 2025
FUNDS_YEAR = 2024
SEED = "001_28cb0100de53310c.txt"
# Budget lines (Bijlage VII) whose funds go to schools; the programme says which kind.
GENERAL_LINES = (
    "Algemene arrangementsmiddelen",
    "Algemene arrangementsmiddelen Havo/VWO",
    "Algemene arrangementsmiddelen VMBO",
)
LWA_PROGRAMME = "Prog 3 LWA"
SPECIFIC_PROGRAMMES = (
    "Prog 1 arrangementen BAO",
    "Prog 2 arrangementen SBO",
    "Prog 3 arrangementen SO",
    "Prog 1 arrangementen",
)
# Not school funds: accounted for apart (001:4189-4195 "maatwerkbudget en overbruggingsbudget").
NOT_SCHOOL_FUNDS = ("Maatwerkbudget", "Stimuleringsbudget", "Stimuleringsbudget SBO")


def _declarations(swv: Swv, randomiser: random.Random) -> int:
    schools = list(
        School.objects.filter(swv=swv, school_type__in=list(rules.VANGNET_SCHOOL_CATEGORIES)).order_by("brin", "pk")[
            :3
        ]
    )
    statuses = [DeclarationStatus.APPROVED, DeclarationStatus.SUBMITTED, DeclarationStatus.DRAFT]
    start, end = rules.vangnet_period(DEMO_YEAR)
    written = 0
    for school, status in zip(schools, statuses, strict=False):
        feb = randomiser.randint(40, 120)
        declaration, created = VangnetDeclaration.objects.get_or_create(
            school=school,
            year=DEMO_YEAR,
            defaults={
                "swv": swv,
                "tlv_pupils_sep_1": feb - randomiser.randint(0, 3),
                "tlv_pupils_feb_1": feb,
                "tlv_pupils_jun_1": feb + randomiser.randint(5, 12),
                "growth_explanation": "Meer instroom na de voorjaarsvakantie (demo).",
            },
        )
        if not created:
            continue
        categories = rules.vangnet_categories(school.school_type)
        VangnetMovement.objects.bulk_create(
            VangnetMovement(
                declaration=declaration,
                day=start + datetime.timedelta(days=randomiser.randint(0, (end - start).days)),
                category=randomiser.choice(categories),
                direction=MovementDirection.IN if index % 3 else MovementDirection.OUT,
                pupils=randomiser.randint(1, 3),
            )
            for index in range(8)
        )
        if status != DeclarationStatus.DRAFT:
            calculation = vangnet_calculation(declaration)
            if calculation.missing_rates or not calculation.declaration_allowed:
                continue
            declaration.rates = {category: str(rate) for category, rate in calculation.rates.items()}
            declaration.total_amount = calculation.total
            declaration.status = status
            declaration.submitted_on = datetime.date(DEMO_YEAR, 9, 15)
            if status == DeclarationStatus.APPROVED:
                declaration.decided_at = datetime.datetime(DEMO_YEAR, 10, 10, 10, 0, tzinfo=datetime.UTC)
                declaration.decision_reasons = "Geverifieerd met de gegevens van DUO (demo)."
            declaration.save()
        written += 1
    return written


def _funds(swv: Swv, randomiser: random.Random) -> int:
    budget = Budget.objects.filter(swv=swv, year=FUNDS_YEAR, scenario="begroting").first()
    if budget is None:
        return 0
    ArrangementFund.objects.filter(swv=swv, year=FUNDS_YEAR).delete()
    regular_type = "bao" if swv.sector == Sector.PO else "vo"
    schools = list(
        School.objects.filter(swv=swv, school_type=regular_type)
        .annotate(pupil_count=Count("pupils"))
        .order_by("brin", "pk")
    )
    special = list(School.objects.filter(swv=swv).exclude(school_type=regular_type).order_by("brin", "pk"))
    pupils = sum(school.pupil_count for school in schools)
    counting_date = (
        datetime.date(FUNDS_YEAR - 1, 2, 1) if swv.sector == Sector.PO else datetime.date(FUNDS_YEAR - 1, 10, 1)
    )
    lines = list(budget.lines.filter(kind="programme").order_by("position"))
    general = sum((line.amount for line in lines if line.name in GENERAL_LINES), Decimal(0))
    lwa = sum((line.amount for line in lines if line.programme == LWA_PROGRAMME), Decimal(0))
    funds: list[ArrangementFund] = []
    rate = rules.rate_per_pupil(budget_amount=general, pupils=pupils) if general > 0 else None
    lwa_rate = rules.rate_per_pupil(budget_amount=lwa, pupils=pupils) if lwa > 0 else None
    source = f"{SEED}:{budget.source.split(':')[-1]}"
    for school in schools:
        if rate is not None:
            funds.append(
                ArrangementFund(
                    swv=swv,
                    school=school,
                    year=FUNDS_YEAR,
                    kind=FundKind.GENERAL,
                    name=_("General arrangement funds"),
                    orientation=Orientation.SCHOOL,
                    rate_per_pupil=rate,
                    pupils_on_counting_date=school.pupil_count,
                    counting_date=counting_date,
                    source=source,
                )
            )
        if lwa_rate is not None:
            funds.append(
                ArrangementFund(
                    swv=swv,
                    school=school,
                    year=FUNDS_YEAR,
                    kind=FundKind.LWA,
                    name="Leerwegarrangementen (LWA)",
                    orientation=Orientation.INDIVIDUAL,
                    amount=(lwa_rate * school.pupil_count).quantize(rules.CENT),
                    source=source,
                )
            )
    receivers = special + schools
    for line in lines:
        if (
            line.programme not in SPECIFIC_PROGRAMMES
            or line.name in GENERAL_LINES
            or line.name in NOT_SCHOOL_FUNDS
            or line.amount <= 0
            or not receivers
        ):
            continue
        funds.append(
            ArrangementFund(
                swv=swv,
                school=randomiser.choice(receivers),
                year=FUNDS_YEAR,
                kind=FundKind.SPECIFIC,
                name=line.name,
                orientation=randomiser.choice([Orientation.GROUP, Orientation.GROUP, Orientation.AREA]),
                amount=line.amount,
                source=line.source,
            )
        )
    ArrangementFund.objects.bulk_create(funds)
    boards = sorted({school.board_id: school.board for school in schools + special}.values(), key=lambda b: b.name)
    BoardAgreement.objects.filter(swv=swv, year=FUNDS_YEAR).delete()
    BoardAgreement.objects.bulk_create(
        BoardAgreement(
            swv=swv,
            board=board,
            year=FUNDS_YEAR,
            goals=(
                "Leerlingen stromen na deelname aan het groepsarrangement uit naar een lichtere vorm van "
                "ondersteuning; indicator: 80% van de deelnemers (voorbeeld uit 001:4231-4239)."
            ),
            agreed_on=datetime.date(FUNDS_YEAR - 1, 4, randomiser.randint(8, 25)),
            report="Verantwoording ontvangen; 76% stroomde uit naar lichtere ondersteuning (demo)."
            if index % 2
            else "",
            reported_on=datetime.date(FUNDS_YEAR + 1, 2, 14) if index % 2 else None,
            status=AgreementStatus.REPORTED if index % 2 else AgreementStatus.AGREED,
        )
        for index, board in enumerate(boards)
    )
    return len(funds)


def load_demo(*, context: AuditContext) -> str:
    randomiser = random.Random(7)  # noqa: S311 -- synthetic demo data, not security
    budgets = reserves = declarations = funds = 0
    for swv in Swv.objects.order_by("code"):
        budgets += budgets_load(swv=swv, context=context)
        reserves += reserves_load(swv=swv, context=context)
        if School.objects.filter(swv=swv, school_type__in=list(rules.VANGNET_SCHOOL_CATEGORIES)).exists():
            vangnet_rates_load(swv=swv, context=context)
            declarations += _declarations(swv, randomiser)
        funds += _funds(swv, randomiser)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="finance_demo",
        detail={"declarations": declarations, "arrangement_funds": funds},
    )
    return _(
        "Finance: %(budgets)d budgets and %(years)d reserve years from Bijlage VII, "
        "%(declarations)d vangnet declarations, %(funds)d arrangement funds"
    ) % {"budgets": budgets, "years": reserves, "declarations": declarations, "funds": funds}
