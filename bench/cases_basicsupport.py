"""Basisondersteuning: the zelfscan results of the demo's second Almere PO round (every regular
PO school, about 120 answers each) per school and for the city, through the API, against the
raw SQL aggregate the figures need (sufficient answers per scan and per aspect, released scans
only); the wijkondersteuningsprofielen (district profiles) against the same aggregate plus the
levels offered; and a round's questions against a plain select."""

from run import Bench, Case

RESULTS_SQL = (
    "SELECT s.id, s.school_id, q.aspect_id, COUNT(*), SUM(CASE WHEN a.score >= 3 THEN 1 ELSE 0 END) "
    "FROM basicsupport_answer a "
    "JOIN basicsupport_submission s ON s.id = a.submission_id "
    "JOIN basicsupport_question q ON q.id = a.question_id "
    "WHERE s.round_id = %s AND s.status = 'released' "
    "GROUP BY s.id, s.school_id, q.aspect_id"
)
LEVELS_SQL = (
    "SELECT o.submission_id, o.aspect_id, o.level FROM basicsupport_offeredlevel o "
    "JOIN basicsupport_submission s ON s.id = o.submission_id "
    "WHERE s.round_id = %s AND s.status = 'released'"
)
QUESTIONS_SQL = (
    "SELECT q.id, q.code, q.text, q.level, q.source, q.variants, asp.code, asp.kind, asp.title "
    "FROM basicsupport_question q JOIN basicsupport_aspect asp ON asp.id = q.aspect_id "
    'WHERE asp.norm_version_id = %s ORDER BY q."order"'
)


def _both(first, second):
    def run():
        return first(), second()

    return run


def cases(bench: Bench) -> list[Case]:
    from dekkend.basicsupport.models import Round

    second = Round.objects.get(swv__code="almere-po", school_year="2025-2026")
    client = bench.client_for("secretariaat")
    base = f"/api/v1/zelfscan/rounds/{second.pk}"
    return [
        Case(
            "zelfscan results per school (secretariaat)",
            bench.get_ok(client, f"{base}/results/?level=school"),
            bench.raw(RESULTS_SQL, [second.pk]),
        ),
        Case(
            "zelfscan results for the city (secretariaat)",
            bench.get_ok(client, f"{base}/results/?level=city"),
            bench.raw(RESULTS_SQL, [second.pk]),
        ),
        Case(
            "zelfscan results page per district (secretariaat)",
            bench.get_ok(
                bench.client_for("secretariaat", session=True),
                f"/basisondersteuning/rondes/{second.pk}/resultaten/?level=district",
            ),
            bench.raw(RESULTS_SQL, [second.pk]),
        ),
        Case(
            "zelfscan district profiles (WOP) for the 0-meting (secretariaat)",
            bench.get_ok(client, f"/api/v1/zelfscan/rounds/{second.previous_id}/district-profiles/"),
            _both(bench.raw(RESULTS_SQL, [second.previous_id]), bench.raw(LEVELS_SQL, [second.previous_id])),
        ),
        Case(
            "zelfscan questions of a round",
            bench.get_ok(client, f"{base}/questions/"),
            bench.raw(QUESTIONS_SQL, [second.norm_version_id]),
        ),
    ]
