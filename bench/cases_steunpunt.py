"""Steunpunt: the staff lists a secretariat opens all day -- the questions (20,000), the open
thuiszitters (4,000 cases) and the open escalations (2,000) -- each page (sign-in, permission,
one audit row naming every case on the page, the template) against the one raw SQL query the
page needs. Target: at most 3x (the toeleiding worklist's ceiling).

The data is synthetic and written in bulk for the secretariat's SWVs (the Almere ones).
"""

import datetime
import random

from run import Bench, Case

QUESTIONS = 20_000
THUISZITTERS = 4_000
ESCALATIONS = 2_000


def _fill() -> None:
    from django.utils import timezone

    from dekkend.audit.services import AuditContext
    from dekkend.organisations.models import Swv
    from dekkend.pupils.models import Pupil
    from dekkend.steunpunt import rules, services
    from dekkend.steunpunt.models import Escalation, Question, Thuiszitter

    rng = random.Random(8)  # synthetic benchmark data
    now = timezone.now()
    today = timezone.localdate()
    swvs = list(Swv.objects.filter(code__in=["almere-po", "almere-vo"]))
    pupils = list(Pupil.objects.filter(swv__in=swvs).values_list("pk", "swv_id", "school_id")[:20_000])
    themes = ["school_kiezen", "extra_ondersteuning", "speciaal_onderwijs", "onenigheid", "thuiszitten"]
    have = Question.objects.filter(swv__in=swvs).count()
    Question.objects.bulk_create(
        (
            Question(
                swv=swvs[index % len(swvs)],
                channel=rng.choice(["phone", "web", "mail"]),
                asker="parent",
                theme=rng.choice(themes),
                text="Vraag (synthetisch).",
                received_at=now - datetime.timedelta(hours=rng.randint(1, 24 * 700)),
            )
            for index in range(max(0, QUESTIONS - have))
        ),
        batch_size=2000,
    )
    have = Thuiszitter.objects.filter(swv__in=swvs).count()
    rows = []
    for index in range(max(0, THUISZITTERS - have)):
        pupil_id, swv_id, school_id = pupils[index % len(pupils)]
        reported = today - datetime.timedelta(days=rng.randint(0, 700))
        ended = reported + datetime.timedelta(days=rng.randint(10, 300))
        rows.append(
            Thuiszitter(
                swv_id=swv_id,
                pupil_id=pupil_id,
                school_id=school_id,
                kind="relatief",
                absent_since=reported,
                reported_on=reported,
                reason="geen_passend_aanbod",
                responsible_name="Consulent (synthetisch)",
                next_follow_up=today + datetime.timedelta(days=rng.randint(-10, 30)),
                ended_on=ended if ended <= today and rng.random() < 0.5 else None,
            )
        )
    Thuiszitter.objects.bulk_create(rows, batch_size=2000)
    levels = {}
    for swv in swvs:
        levels[swv.pk] = services.escalation_ladder_set(
            swv=swv, levels=rules.ALMERE_LADDER, context=AuditContext(purpose="bench")
        )
    have = Escalation.objects.filter(swv__in=swvs).count()
    rows = []
    for index in range(max(0, ESCALATIONS - have)):
        _pupil_id, swv_id, school_id = pupils[index % len(pupils)]
        opened = now - datetime.timedelta(hours=rng.randint(1, 24 * 400))
        solved = opened + datetime.timedelta(hours=rng.randint(1, 300))
        rows.append(
            Escalation(
                swv_id=swv_id,
                school_id=school_id,
                subject="Vastgelopen (synthetisch).",
                level=levels[swv_id][rng.randint(0, 3)],
                opened_at=opened,
                solved_at=solved if solved < now and rng.random() < 0.6 else None,
            )
        )
    Escalation.objects.bulk_create(rows, batch_size=2000)


def cases(bench: Bench) -> list[Case]:
    from dekkend.accounts.models import User

    _fill()
    secretariat = User.objects.get(username="secretariaat")
    swv_ids = list(secretariat.role_assignments.values_list("swv_id", flat=True))
    placeholders = ", ".join(["%s"] * len(swv_ids))
    question_sql = (
        "SELECT q.id, q.received_at, q.theme, q.asker, q.channel, q.urgency, q.answered_at "
        f"FROM steunpunt_question q WHERE q.swv_id IN ({placeholders}) "
        "ORDER BY q.received_at DESC, q.id DESC LIMIT 25"
    )
    thuiszitter_sql = (
        "SELECT t.id, t.kind, t.absent_since, t.reported_on, t.ended_on, t.next_follow_up, t.responsible_name, "
        "p.first_name, p.last_name, s.name FROM steunpunt_thuiszitter t "
        "JOIN pupils_pupil p ON p.id = t.pupil_id LEFT JOIN organisations_school s ON s.id = t.school_id "
        f"WHERE t.swv_id IN ({placeholders}) AND t.ended_on IS NULL "
        "ORDER BY t.reported_on DESC, t.id DESC LIMIT 25"
    )
    escalation_sql = (
        'SELECT e.id, e.subject, e.opened_at, e.solved_at, l.name, l."order", s.name '
        "FROM steunpunt_escalation e JOIN steunpunt_escalationlevel l ON l.id = e.level_id "
        "LEFT JOIN organisations_school s ON s.id = e.school_id "
        f"WHERE e.swv_id IN ({placeholders}) AND e.solved_at IS NULL "
        "ORDER BY e.opened_at DESC, e.id DESC LIMIT 25"
    )
    client = bench.client_for("secretariaat", session=True)
    return [
        Case(
            "steunpunt question list /steunpunt/intern/vragen/, secretariaat (20k questions)",
            bench.get_ok(client, "/steunpunt/intern/vragen/"),
            bench.raw(question_sql, swv_ids),
            target=3.0,
        ),
        Case(
            "steunpunt thuiszitter list /steunpunt/intern/thuiszitters/, secretariaat (4k cases)",
            bench.get_ok(client, "/steunpunt/intern/thuiszitters/"),
            bench.raw(thuiszitter_sql, swv_ids),
            target=3.0,
        ),
        Case(
            "steunpunt escalation list /steunpunt/intern/escalaties/, secretariaat (2k escalations)",
            bench.get_ok(client, "/steunpunt/intern/escalaties/"),
            bench.raw(escalation_sql, swv_ids),
            target=3.0,
        ),
    ]
