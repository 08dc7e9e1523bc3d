"""Demo zelfscans for the Almere SWVs: the 0-meting (2024-2025, norm of April 2024, every scan
released, the published figures attached) and the second round (2025-2026, norm of July 2025,
open: some scans released, some submitted, some still being filled in). Synthetic and
deterministic (seeded random); the number of sufficient answers per school is calibrated so
that the city figures land on the published 0-meting (002_db4167b82468325d.txt:168-177), as
near as the number of demo schools allows."""

import math
import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import Swv

from . import rules
from .models import Answer, Aspect, NormVersion, OfferedLevel, Round, Submission
from .selectors import round_questions, round_schools
from .services import norm_version_load

SEED = 2024
# The second round: our assumption of a modest improvement on the 0-meting (not in the seeds).
SECOND_ROUND_TARGETS = {"po": (Decimal("85.0"), Decimal("91.5")), "vo": (Decimal("66.7"), Decimal("85.5"))}
# Themes the demo schools find harder (our assumption): more of their questions fall below the cut.
HARDER = {"nt2": 3.0, "begaafdheid": 2.5, "rekenen": 1.8, "moeilijk-lerend": 1.8, "schoolaanwezigheid": 2.0}


def sufficient_counts(
    rng: random.Random, schools: int, questions: int, schools_meeting: Decimal, questions_sufficient: Decimal
) -> list[int]:
    """Per school the number of questions voldoende or better, such that round(share of
    schools meeting 85%) and the pooled share of sufficient answers come as close to the
    targets as whole numbers allow."""
    cut = math.ceil(rules.DEFAULT_THRESHOLD * questions / 100)
    meeting = round(float(schools_meeting) * schools / 100)
    low_floor = max(0, int(questions * 0.55))
    counts = [min(questions, cut + rng.randint(0, 6)) for _ in range(meeting)]
    counts += [max(low_floor, cut - 1 - rng.randint(0, 8)) for _ in range(schools - meeting)]
    target = round(float(questions_sufficient) * schools * questions / 100)
    bounds = [(cut, questions)] * meeting + [(low_floor, cut - 1)] * (schools - meeting)
    order = list(range(schools))
    while sum(counts) != target:
        step = 1 if sum(counts) < target else -1
        rng.shuffle(order)
        moved = False
        for index in order:
            low, high = bounds[index]
            if low <= counts[index] + step <= high:
                counts[index] += step
                moved = True
                if sum(counts) == target:
                    break
        if not moved:
            break
    rng.shuffle(counts)
    return counts


def _weighted_low(rng: random.Random, questions, count: int) -> set[int]:
    """``count`` questions to answer below voldoende, harder themes more often (weighted
    sampling without replacement)."""
    keyed = sorted(questions, key=lambda q: rng.random() ** (1 / HARDER.get(q.aspect.code, 1.0)), reverse=True)
    return {q.pk for q in keyed[:count]}


# The share of scans offering level 3 (streefnorm) or 4 (specialised) for a theme: our assumption.
OFFERED_LEVEL_CHANCE = {3: 0.15, 4: 0.05}


def _offered_levels(rng: random.Random, submissions, themes) -> list[OfferedLevel]:
    """Per complete scan and theme, now and then a level beyond the basis (for the
    wijkondersteuningsprofiel)."""
    levels = []
    for submission in submissions:
        if submission.status == Submission.Status.DRAFT:
            continue
        for theme in themes:
            draw = rng.random()
            level = 4 if draw < OFFERED_LEVEL_CHANCE[4] else 3 if draw < sum(OFFERED_LEVEL_CHANCE.values()) else None
            if level is not None:
                levels.append(OfferedLevel(submission=submission, aspect=theme, level=level))
    return levels


def _fill(rng: random.Random, zelfscan_round: Round, targets: tuple[Decimal, Decimal], statuses) -> int:
    questions = round_questions(zelfscan_round)
    schools = list(round_schools(zelfscan_round).order_by("pk"))
    counts = sufficient_counts(rng, len(schools), len(questions), *targets)
    themes = [
        theme
        for theme in Aspect.objects.filter(norm_version=zelfscan_round.norm_version, kind=Aspect.Kind.THEME)
        if zelfscan_round.variant in theme.variants
    ]
    now = timezone.now()
    submissions = []
    for school, status in zip(schools, statuses(schools), strict=True):
        submissions.append(
            Submission(
                round=zelfscan_round,
                school=school,
                status=status,
                submitted_at=now if status != Submission.Status.DRAFT else None,
                released_at=now if status == Submission.Status.RELEASED else None,
                comment="Synthetische demo-toelichting." if rng.random() < 0.3 else "",
            )
        )
    Submission.objects.bulk_create(submissions)
    answers = []
    for submission, sufficient in zip(submissions, counts, strict=True):
        low = _weighted_low(rng, questions, len(questions) - sufficient)
        for question in questions:
            score = rng.choice((1, 2, 2)) if question.pk in low else rng.choice((3, 3, 4))
            if submission.status == Submission.Status.DRAFT and question.aspect.kind == Aspect.Kind.THEME:
                continue  # a scan being filled in: the aspects and protocols done, the themes still open
            answers.append(Answer(submission=submission, question=question, score=score))
        submission.ambitions.set(rng.sample(themes, k=min(len(themes), rng.randint(0, 2))))
    Answer.objects.bulk_create(answers, batch_size=5000)
    levels_rng = random.Random(f"{SEED}-levels-{zelfscan_round.swv_id}-{zelfscan_round.school_year}")  # noqa: S311
    OfferedLevel.objects.bulk_create(_offered_levels(levels_rng, submissions, themes), batch_size=5000)
    return len(submissions)


def _zero_round(swv: Swv, variant: str, norm: NormVersion, baseline: dict) -> Round:
    figures = baseline["figures"][variant]
    return Round.objects.create(
        swv=swv,
        norm_version=norm,
        variant=variant,
        school_year=baseline["school_year"],
        title=f"Zelfscan {baseline['school_year']} (0-meting)",
        threshold=Decimal(str(baseline["threshold"])),
        opened_on=date(2025, 3, 1),
        closes_on=date(2025, 6, 30),
        status=Round.Status.CLOSED,
        reported_schools_meeting=Decimal(str(figures["schools_meeting"])),
        reported_questions_sufficient=Decimal(str(figures["questions_sufficient"])),
        reported_source=f"{figures['schools_meeting_source']}; {figures['questions_sufficient_source']}",
    )


@transaction.atomic
def load_demo(*, context: AuditContext) -> str:
    """Demo zelfscans for every Almere SWV (the ANB is Almere's norm). Idempotent."""
    old = norm_version_load(path=rules.DATA_DIR / "anb-2024.yaml", context=context)
    new = norm_version_load(path=rules.DATA_DIR / "anb-2025.yaml", context=context)
    baseline = rules.baseline_read()
    rng = random.Random(SEED)  # noqa: S311 -- synthetic demo data, not security
    rounds = scans = 0
    demo_schools = set(
        RoleAssignment.objects.filter(role=Role.SCHOOL, user__is_demo=True).values_list("school_id", flat=True)
    )
    for swv in Swv.objects.filter(code__startswith="almere").order_by("code"):
        variant = swv.sector
        if variant not in baseline["figures"] or Round.objects.filter(swv=swv, variant=variant).exists():
            continue
        zero = _zero_round(swv, variant, old, baseline)
        figures = baseline["figures"][variant]
        scans += _fill(
            rng,
            zero,
            (Decimal(str(figures["schools_meeting"])), Decimal(str(figures["questions_sufficient"]))),
            lambda schools: [Submission.Status.RELEASED] * len(schools),
        )
        second = Round.objects.create(
            swv=swv,
            norm_version=new,
            variant=variant,
            school_year="2025-2026",
            title="Zelfscan 2025-2026",
            opened_on=date(2026, 3, 2),
            closes_on=date(2026, 6, 30),
            previous=zero,
        )

        def second_statuses(schools):
            # the schools of the demo school accounts are still filling in; the others a mix
            cycle = [Submission.Status.RELEASED] * 6 + [Submission.Status.SUBMITTED] * 2 + [Submission.Status.DRAFT]
            return [
                Submission.Status.DRAFT if school.pk in demo_schools else cycle[index % len(cycle)]
                for index, school in enumerate(schools)
            ]

        scans += _fill(rng, second, SECOND_ROUND_TARGETS[variant], second_statuses)
        rounds += 2
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="zelfscan_demo",
        detail={"rounds": rounds, "scans": scans},
    )
    return f"Zelfscan: {rounds} rondes, {scans} ingevulde zelfscans"
