"""Demo data of the steunpunt: the public profile and parents' hours, the escalation ladder, and a
year of synthetic questions, escalations and thuiszitters for the Almere SWVs. Deterministic
(seeded random); called by ``./dekkend demo`` (not by production code).

Facts about Almere come from the seeds (cited); the parents' hours (which three mornings) and
every case are synthetic.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import Swv
from dekkend.pupils.models import Pupil

from . import rules, selectors, services
from .models import (
    AbsenceKind,
    Asker,
    Channel,
    Escalation,
    EscalationStep,
    ParentHours,
    Question,
    SteunpuntProfile,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    Theme,
    Thuiszitter,
    ThuiszitterReason,
)

SEED = 8
ALMERE = ("almere-po", "almere-vo")

# 001_28cb0100de53310c.txt:2228-2230, 2596 (phone, e-mail, website); 5435-5437 (what it is)
ALMERE_PROFILE = {
    "name": "Steunpunt Passend Onderwijs Almere",
    "phone": "036 76 70 200",
    "email": "info@passendonderwijs-almere.nl",
    "website": "https://www.passendonderwijs-almere.nl/",
    "about": "Een onafhankelijk ouder- en jeugdinformatiepunt van het samenwerkingsverband, waar ouders en "
    "jongeren terecht kunnen voor informatie en ondersteuning op gebied van onderwijs.",
    "source": "001_28cb0100de53310c.txt:2228-2230, 2596, 5435-5437",
}
# 004_1b42683098db768b.txt:104, 109 -- Ouderlicht, the ouder- en jeugdsteunpunt of Plein 013
PLEIN_PROFILE = {
    "name": "Ouderlicht",
    "about": "Het ouder- en jeugdsteunpunt van Plein 013: informeren, steunen en signaleren.",
    "source": "004_1b42683098db768b.txt:104, 109",
}
# "Drie ochtenden per week" (001_28cb0100de53310c.txt:3246); which mornings is a demo choice.
DEMO_MORNINGS = (0, 1, 3)

QUESTION_TEXTS = {
    Theme.CHOOSE_SCHOOL: "Welke school past bij mijn kind? (synthetisch)",
    Theme.EXTRA_SUPPORT: "Mijn kind heeft meer hulp nodig in de klas. Wat kan ik doen? (synthetisch)",
    Theme.SPECIAL_EDUCATION: "Hoe werkt een TLV voor speciaal onderwijs? (synthetisch)",
    Theme.DISAGREEMENT: "Wij zijn het niet eens met de school. Wie kan helpen? (synthetisch)",
    Theme.THUISZITTEN: "Mijn kind zit al weken thuis. (synthetisch)",
    Theme.TRANSITION: "Mijn kind gaat naar de middelbare school. Wat moet ik regelen? (synthetisch)",
    Theme.YOUTH_CARE: "Kan de school samenwerken met de jeugdhulp? (synthetisch)",
    Theme.OTHER: "Ik heb een andere vraag. (synthetisch)",
}
THEME_WEIGHTS = (10, 25, 15, 12, 8, 14, 10, 6)


def _profile(swv: Swv, data: dict) -> None:
    SteunpuntProfile.objects.update_or_create(swv=swv, defaults=data)


def _hours(swv: Swv) -> None:
    if not ParentHours.objects.filter(swv=swv).exists():
        ParentHours.objects.bulk_create(
            ParentHours(swv=swv, weekday=day, starts=datetime.time(9), ends=datetime.time(12)) for day in DEMO_MORNINGS
        )


def _questions(swv: Swv, rng: random.Random, now: datetime.datetime, schools: list[int]) -> int:
    themes = list(Theme)
    rows = []
    for index in range(160):
        received = now - datetime.timedelta(days=rng.uniform(1, 365), hours=rng.uniform(0, 8))
        theme = rng.choices(themes, weights=THEME_WEIGHTS)[0]
        answered = None
        if rng.random() < 0.9:
            answered = received + datetime.timedelta(
                hours=rng.choice([2, 4, 20, 26, 48, 70, 120]) * rng.uniform(0.5, 1.5)
            )
            answered = min(answered, now)
        linked = schools and rng.random() < 0.2
        rows.append(
            Question(
                swv=swv,
                channel=rng.choices(list(Channel), weights=(60, 25, 15))[0],
                asker=rng.choices(list(Asker), weights=(70, 10, 20))[0],
                name=f"Demo-ouder {index + 1}",
                email=f"ouder{index + 1}@demo.dekkend.invalid",
                theme=theme,
                urgency=Question.Urgency.URGENT if theme == Theme.THUISZITTEN else Question.Urgency.NORMAL,
                text=QUESTION_TEXTS[theme],
                received_at=received,
                consent_on=received.date() if linked else None,
                school_id=rng.choice(schools) if linked else None,
                steps_taken="Gebeld met ouder en school (synthetisch)." if answered else "",
                answer="Uitleg gegeven en vervolgstap afgesproken (synthetisch)." if answered else "",
                answered_at=answered,
                wanted_result=(rng.random() < 0.78) if answered and rng.random() < 0.85 else None,
            )
        )
    Question.objects.bulk_create(rows)
    return len(rows)


def _escalations(swv: Swv, rng: random.Random, now: datetime.datetime, pupils: list[tuple[int, int]]) -> int:
    levels = services.escalation_ladder_set(swv=swv, levels=rules.ALMERE_LADDER, context=AuditContext(purpose="demo"))
    count = 0
    for _index in range(36):
        pupil_id, school_id = rng.choice(pupils)
        opened = now - datetime.timedelta(days=rng.uniform(0.2, 360))
        hours = rng.choice([6, 20, 30, 40, 47, 60, 90, 150, 200])
        solved = opened + datetime.timedelta(hours=hours)
        top = rng.choice([0, 0, 1, 2, 5])
        escalation = Escalation.objects.create(
            swv=swv,
            school_id=school_id,
            pupil_id=pupil_id if rng.random() < 0.5 else None,
            subject="Geen passende plek of hulp gevonden (synthetisch).",
            level=levels[top],
            breakthrough_officer="Doorbraakfunctionaris (synthetisch)" if top >= 5 else "",
            opened_at=opened,
            solved_at=solved if solved < now else None,
            solution="Plek en begeleiding geregeld (synthetisch)." if solved < now else "",
        )
        steps = [EscalationStep(escalation=escalation, to_level=levels[0], reason=escalation.subject, at=opened)]
        steps += [
            EscalationStep(
                escalation=escalation,
                from_level=levels[level - 1],
                to_level=levels[level],
                reason="Vastgelopen op dit niveau (synthetisch).",
                at=opened,
            )
            for level in range(1, top + 1)
        ]
        EscalationStep.objects.bulk_create(steps)
        count += 1
    return count


def _thuiszitters(swv: Swv, rng: random.Random, today: datetime.date, pupils: list[tuple[int, int]]) -> int:
    rows = []
    reasons = list(ThuiszitterReason)
    for pupil_id, school_id in rng.sample(pupils, min(48, len(pupils))):
        kind = rng.choices(list(AbsenceKind), weights=(10, 55, 35))[0]
        reported = today - datetime.timedelta(days=rng.randint(0, 365))
        absent_since = reported - datetime.timedelta(days=rng.randint(0, 40)) if kind != AbsenceKind.DREIGEND else None
        ended = reported + datetime.timedelta(days=rng.randint(14, 200))
        rows.append(
            Thuiszitter(
                swv=swv,
                pupil_id=pupil_id,
                school_id=None if kind == AbsenceKind.ABSOLUUT else school_id,
                kind=kind,
                absent_since=absent_since,
                reported_on=reported,
                reason=rng.choices(reasons, weights=(25, 20, 15, 12, 12, 8, 5, 3))[0],
                plan="Plan van aanpak met school, ouders en leerplicht (synthetisch).",
                responsible_name="Consulent passend onderwijs (synthetisch)",
                next_follow_up=None if ended <= today else today + datetime.timedelta(days=rng.randint(-5, 20)),
                ended_on=ended if ended <= today else None,
                end_note="Terug naar school (synthetisch)." if ended <= today else "",
            )
        )
    Thuiszitter.objects.bulk_create(rows)
    return len(rows)


def _survey(swv: Swv, rng: random.Random, now: datetime.datetime) -> int:
    """A parents' survey round over the last year's granted TLVs and arrangements (004: 108), about
    60% answered. Demo tokens come from the seeded random (nobody holds them); answered links
    forget their pupil, as in :func:`services.survey_answer_submit`."""
    today = timezone.localdate()
    recipients = selectors.survey_recipients(
        swv_id=swv.pk, audience="parents", period_start=today - datetime.timedelta(days=365), period_end=today
    )
    if not recipients:
        return 0
    sent = now - datetime.timedelta(days=20)
    survey = SurveyRound.objects.create(
        swv=swv,
        audience="parents",
        period_start=today - datetime.timedelta(days=365),
        period_end=today - datetime.timedelta(days=20),
        sent_at=sent,
        expires_at=sent + datetime.timedelta(days=rules.SURVEY_LINK_DAYS_DEFAULT),
        invited=len(recipients),
    )
    invitations, answers = [], []
    statements = [code for code, _label in rules.SURVEY_STATEMENTS["parents"]]
    for recipient in recipients:
        answered = rng.random() < 0.6
        token = f"demo-{rng.getrandbits(128):032x}"
        invitations.append(
            SurveyInvitation(
                round=survey,
                token_hash=services.survey_token_hash(token),
                pupil_id=None if answered else recipient.pupil_id,
                school_id=None if answered else recipient.school_id,
                used=answered,
            )
        )
        if answered:
            answers.append(
                {code: rng.choices([1, 2, 3, 4, 5, None], weights=(4, 8, 18, 40, 26, 4))[0] for code in statements}
            )
    SurveyInvitation.objects.bulk_create(invitations)
    responses = SurveyResponse.objects.bulk_create(SurveyResponse(round=survey) for _ in answers)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, statement=code, score=score)
        for response, scores in zip(responses, answers, strict=True)
        for code, score in scores.items()
        if score is not None
    )
    return len(recipients)


@transaction.atomic
def load_demo(*, context: AuditContext) -> str:
    rng = random.Random(SEED)  # noqa: S311 -- deterministic demo data, not security
    now = timezone.now()
    today = timezone.localdate()
    totals = {"questions": 0, "escalations": 0, "thuiszitters": 0, "survey_links": 0}
    for swv in Swv.objects.filter(code__in=ALMERE).order_by("code"):
        _profile(swv, ALMERE_PROFILE)
        _hours(swv)
        if Question.objects.filter(swv=swv).exists():
            continue  # already loaded
        ids = list(Pupil.objects.filter(swv=swv).order_by("id").values_list("id", "school_id"))
        pupils = rng.sample(ids, min(400, len(ids)))
        schools = sorted({school for _pupil, school in pupils})
        totals["questions"] += _questions(swv, rng, now, schools)
        if pupils:
            totals["escalations"] += _escalations(swv, rng, now, pupils)
            totals["thuiszitters"] += _thuiszitters(swv, rng, today, pupils)
        totals["survey_links"] += _survey(swv, rng, now)
    plein = Swv.objects.filter(code="plein013-po").first()
    if plein is not None:
        _profile(plein, PLEIN_PROFILE)
        services.escalation_ladder_set(swv=plein, levels=rules.PLEIN_LADDER, context=context)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="steunpunt_demo",
        detail=totals,
    )
    return (
        _(
            "Steunpunt: %(questions)d questions, %(escalations)d escalations, %(thuiszitters)d thuiszitters, "
            "%(survey_links)d survey links"
        )
        % totals
    )
