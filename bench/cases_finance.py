"""Finance and plans: the reserves API, a budget page, a plan's evaluation, the arrangement funds
page and the vangnet API, against the plain SQL reads of the same rows.

Baseline: the rows the request needs, fetched raw through the cursor; the ratio is what the
ORM, deriving every total in Python, the permission check and the template add on top.
"""

from run import Bench, Case


def cases(bench: Bench) -> list[Case]:
    from dekkend.accounts.models import User
    from dekkend.finance.models import Budget
    from dekkend.plans.models import Plan

    policy = User.objects.get(username="beleid")
    swv_ids = list(policy.role_assignments.values_list("swv_id", flat=True))
    budget = Budget.objects.filter(swv_id__in=swv_ids, year=2024).first()
    plan = Plan.objects.filter(swvs__in=swv_ids, kind="support_plan").first()
    if budget is None or plan is None:
        return []
    placeholders = ", ".join(["%s"] * len(swv_ids))
    return [
        Case(
            "reserves tables (API, policy officer)",
            bench.get_ok(bench.client_for("beleid"), "/api/v1/finance/reserves/"),
            bench.raw(
                "SELECT s.id, s.name, r.* FROM organisations_swv s JOIN finance_reserveyear r ON r.swv_id = s.id "
                f"WHERE s.id IN ({placeholders}) ORDER BY s.name, r.year",
                swv_ids,
            ),
        ),
        Case(
            "budget page with derived totals and chart",
            bench.get_ok(bench.client_for("beleid", session=True), f"/financien/begroting/{budget.pk}/"),
            bench.raw("SELECT * FROM finance_budgetline WHERE budget_id = %s ORDER BY position", [budget.pk]),
        ),
        Case(
            "plan evaluation (counts per status per chapter)",
            bench.get_ok(bench.client_for("beleid", session=True), f"/plannen/{plan.pk}/evaluatie/"),
            bench.raw(
                "SELECT c.id, a.status, count(*) FROM plans_chapter c JOIN plans_activity a ON a.chapter_id = c.id "
                "WHERE c.plan_id = %s GROUP BY c.id, a.status",
                [plan.pk],
            ),
        ),
        Case(
            "arrangement funds per school with the orientation share",
            bench.get_ok(bench.client_for("beleid", session=True), "/financien/arrangementsmiddelen/"),
            bench.raw(
                "SELECT f.*, sc.name, b.name FROM finance_arrangementfund f "
                "JOIN organisations_school sc ON sc.id = f.school_id JOIN organisations_board b ON b.id = sc.board_id "
                f"WHERE f.swv_id IN ({placeholders}) ORDER BY f.year DESC, sc.name",
                swv_ids,
            ),
        ),
        Case(
            "vangnet declarations with their figures (API, policy officer)",
            bench.get_ok(bench.client_for("beleid"), "/api/v1/finance/vangnet/"),
            bench.raw(
                "SELECT d.*, m.* FROM finance_vangnetdeclaration d "
                "LEFT JOIN finance_vangnetmovement m ON m.declaration_id = d.id "
                f"WHERE d.swv_id IN ({placeholders}) ORDER BY d.id",
                swv_ids,
            ),
        ),
    ]
