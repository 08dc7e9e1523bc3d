"""Toeleiding: the secretariat's worklist with 20,000 applications (the issue's target: at most
3x the raw SQL query the page needs), through the API and the page, and a school's worklist.

The 20,000 applications are written in bulk for the secretariat's two SWVs: about a quarter
open (every open status, dates from 60 days overdue to 60 days ahead), a tenth granted with a
follow-up still to do, the rest closed -- a few school years of an SWV's dossiers.
"""

import datetime
import random

from run import Bench, Case

APPLICATIONS = 20_000


def _fill(total: int) -> None:
    from django.utils import timezone

    from dekkend.organisations.models import Swv
    from dekkend.pupils.models import Pupil
    from dekkend.referrals.models import Application

    rng = random.Random(3)  # synthetic benchmark data
    today = timezone.localdate()
    swvs = list(Swv.objects.filter(code__in=["almere-po", "almere-vo"]))
    pupils = list(Pupil.objects.filter(swv__in=swvs).values_list("pk", "swv_id", "school_id")[:20_000])
    have = Application.objects.filter(swv__in=swvs).count()
    rows = []
    open_statuses = ["draft", "submitted", "incomplete", "complete", "in_assessment", "refusal_intended"]
    for index in range(max(0, total - have)):
        pupil_id, swv_id, school_id = pupils[index % len(pupils)]
        roll = rng.random()
        day = today + datetime.timedelta(days=rng.randint(-60, 60))
        row = Application(
            swv_id=swv_id,
            pupil_id=pupil_id,
            school_id=school_id,
            type="tlv",
            requested_provision_type="so",
            parent_consent=True,
            submitted_on=today - datetime.timedelta(days=rng.randint(1, 1500)),
        )
        if roll < 0.25:
            row.status = rng.choice(open_statuses)
            if row.status == "incomplete":
                row.documents_due = day
            elif row.status in ("complete", "in_assessment", "refusal_intended"):
                row.decision_due = day
                if rng.random() < 0.1:
                    row.decision_extended_to = day + datetime.timedelta(weeks=2)
        elif roll < 0.35:
            row.status, row.outcome, row.follow_up_on = "granted", "granted", day
        else:
            row.status = rng.choice(["granted", "refused"])
            row.outcome = row.status
            row.decided_on = today - datetime.timedelta(days=rng.randint(30, 1500))
        rows.append(row)
    Application.objects.bulk_create(rows, batch_size=2000)


def cases(bench: Bench) -> list[Case]:
    from dekkend.accounts.models import User

    _fill(APPLICATIONS)
    secretariat = User.objects.get(username="secretariaat")
    school_user = User.objects.get(username="school")
    swv_ids = list(secretariat.role_assignments.values_list("swv_id", flat=True))
    school_id = school_user.role_assignments.get().school_id
    # The one query a worklist page needs: the page of open dossiers with their next date,
    # pupil and school, most urgent first.
    page_sql = (
        "SELECT a.id, a.type, a.status, a.pupil_id, p.first_name, p.last_name, s.name, "
        "COALESCE(CASE WHEN a.status = 'incomplete' THEN a.documents_due "
        "WHEN a.status IN ('complete', 'in_assessment', 'refusal_intended') "
        "THEN COALESCE(a.decision_extended_to, a.decision_due) "
        "WHEN a.status = 'granted' THEN a.follow_up_on END, '9999-12-31') AS sort_on "
        "FROM referrals_application a JOIN pupils_pupil p ON p.id = a.pupil_id "
        "JOIN organisations_school s ON s.id = a.school_id "
        "WHERE {where} AND (a.status IN ('draft', 'submitted', 'incomplete', 'complete', 'in_assessment', "
        "'refusal_intended') OR (a.status = 'granted' AND a.follow_up_on IS NOT NULL "
        "AND a.follow_up_done_on IS NULL)) ORDER BY sort_on, a.id LIMIT 50"
    )
    placeholders = ", ".join(["%s"] * len(swv_ids))
    swv_sql = bench.raw(page_sql.format(where=f"a.swv_id IN ({placeholders})"), swv_ids)
    api, page = "/api/v1/applications/worklist/", "/toeleiding/"
    secretariat_api = bench.get_ok(bench.client_for("secretariaat"), api)
    secretariat_page = bench.get_ok(bench.client_for("secretariaat", session=True), page)
    school_api = bench.get_ok(bench.client_for("school"), api)
    all_sql = "all its SQL, raw"
    return [
        # The ratio: the request against every statement it sends (token, roles, the
        # page query, the audit row in its transaction), so the figure is what Django, DRF,
        # the permission checks and the rendering add.
        Case(
            "toeleiding worklist API, secretariaat (20k applications)",
            secretariat_api,
            bench.request_sql(secretariat_api),
            target=3.0,
            baseline_name=all_sql,
        ),
        Case(
            "toeleiding worklist page /toeleiding/, secretariaat",
            secretariat_page,
            bench.request_sql(secretariat_page),
            target=3.0,
            baseline_name=all_sql,
        ),
        Case(
            "toeleiding worklist API, school",
            school_api,
            bench.request_sql(school_api),
            target=3.0,
            baseline_name=all_sql,
        ),
        # For reference: against the page query alone (the audit row's commit is not in it).
        Case("toeleiding worklist API, secretariaat", secretariat_api, swv_sql),
        Case(
            "toeleiding worklist API, school",
            school_api,
            bench.raw(page_sql.format(where="a.school_id = %s"), [school_id]),
        ),
    ]
