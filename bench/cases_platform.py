"""Platform: the pupil list for a wide and a narrow role, and the provision list."""

from run import Bench, Case


def cases(bench: Bench) -> list[Case]:
    from dekkend.accounts.models import User

    secretariat = User.objects.get(username="secretariaat")
    school_user = User.objects.get(username="school")
    swv_ids = list(secretariat.role_assignments.values_list("swv_id", flat=True))
    school_id = school_user.role_assignments.get().school_id
    page_sql = (
        "SELECT p.id, p.pupil_number, p.first_name, p.last_name, p.birth_date, p.sector, s.name, l.name "
        "FROM pupils_pupil p JOIN organisations_school s ON s.id = p.school_id "
        "JOIN organisations_schoollocation l ON l.id = p.location_id "
        "WHERE {where} ORDER BY p.id LIMIT 51"
    )
    placeholders = ", ".join(["%s"] * len(swv_ids))
    return [
        Case(
            "pupil list, SWV-wide role (secretariaat)",
            bench.get_ok(bench.client_for("secretariaat"), "/api/v1/pupils/"),
            bench.raw(page_sql.format(where=f"p.swv_id IN ({placeholders})"), swv_ids),
        ),
        Case(
            "pupil list, school role (school)",
            bench.get_ok(bench.client_for("school"), "/api/v1/pupils/"),
            bench.raw(page_sql.format(where="p.school_id = %s"), [school_id]),
        ),
        Case(
            "provision list (network page data)",
            bench.get_ok(bench.client_for("secretariaat"), "/api/v1/provisions/"),
            bench.raw(
                f"SELECT * FROM organisations_provision WHERE swv_id IN ({placeholders}) ORDER BY id LIMIT 51",
                swv_ids,
            ),
        ),
    ]
