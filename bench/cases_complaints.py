"""Complaints: the register's list for the SWV office (API page and web page), each against all
the SQL it sends (``Bench.request_sql``: token and role lookups, the page, the audit row) and
against the bare page query."""

from run import Bench, Case


def cases(bench: Bench) -> list[Case]:
    from dekkend.accounts.models import User

    secretariat = User.objects.get(username="secretariaat")
    swv_ids = sorted(secretariat.role_assignments.values_list("swv_id", flat=True))
    placeholders = ", ".join(["%s"] * len(swv_ids))
    page_sql = (
        "SELECT c.*, a.pupil_id, s.name, u.first_name, u.last_name FROM complaints_complaint c "
        "LEFT JOIN referrals_application a ON a.id = c.application_id "
        "LEFT JOIN organisations_school s ON s.id = c.school_id "
        "LEFT JOIN accounts_user u ON u.id = c.handler_id "
        f"WHERE c.swv_id IN ({placeholders}) ORDER BY c.id LIMIT 51"
    )
    api = bench.get_ok(bench.client_for("secretariaat"), "/api/v1/complaints/")
    page = bench.get_ok(bench.client_for("secretariaat", session=True), "/klachten/?status=")
    return [
        Case("complaint list API (secretariaat)", api, bench.request_sql(api), baseline_name="all its SQL"),
        Case("complaint list API (secretariaat), page query only", api, bench.raw(page_sql, swv_ids)),
        Case("complaint list page (secretariaat)", page, bench.request_sql(page), baseline_name="all its SQL"),
    ]
