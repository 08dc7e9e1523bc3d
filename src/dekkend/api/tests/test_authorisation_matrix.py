"""The authorisation matrix: role × action × scope, with the expected answer and rows.

One table decides what every role may do with pupil data in its own scope, at another school
of its SWV and in another SWV. Every request in it must leave exactly one complete audit row,
denied ones included. Every API route must appear in ``COVERED_ROUTES``: adding an endpoint
without deciding its row here fails ``test_every_api_route_is_in_the_matrix``.
"""

import pytest
from django.urls import URLPattern, get_resolver

from dekkend.accounts.models import Role
from dekkend.core.tests.authorisation_matrix import (
    OTHER_SCHOOL,
    OTHER_SWV,
    OWN,
    PUPIL_MATRIX,
    assert_one_complete_audit_row,
    expected_detail_status,
    expected_list_ids,
    last_event_id,
    make_user,
)

pytestmark = pytest.mark.django_db

# Every API route, with the test that covers its authorisation.
COVERED_ROUTES = {
    "token": "api/tests/test_token.py",
    "token-revoke": "api/tests/test_token.py",
    "me": "api/tests/test_token.py",
    "swv-list": "test_organisation_lists_stay_in_the_tenant",
    "school-list": "test_organisation_lists_stay_in_the_tenant",
    "school-detail": "test_organisation_lists_stay_in_the_tenant",
    "area-list": "api/tests/test_organisations.py (areas are shared public data)",
    "provision-list": "test_organisation_lists_stay_in_the_tenant",
    "provision-detail": "test_organisation_lists_stay_in_the_tenant",
    "pupil-list": "test_pupil_list_per_role",
    "pupil-detail": "test_pupil_detail_per_role_and_scope",
    "pupil-emergency-access": "api/tests/test_pupils.py",
    "audit-event-list": "test_audit_log_only_for_the_privacy_officer",
    "audit-event-export": "test_audit_log_only_for_the_privacy_officer",
    "audit-event-verify": "api/tests/test_audit_log.py",
    "schema": "api/tests/test_schema_and_errors.py",
    "docs": "api/tests/test_schema_and_errors.py",
    "matrix-assess": "network/tests/test_matrix_api.py (no pupil data; any role that sees organisations)",
    "matrix-match": "network/tests/test_matrix_api.py (scoped to the caller's SWV)",
    "network-coverage": "network/tests/test_coverage.py (aggregates; scoped to the caller's SWVs; partners see <5)",
    "network-groups": "network/tests/test_planned_places.py (GroupApiTests; organisational data of the caller's SWVs)",
    "network-scenarios": "network/tests/test_scenarios.py (ScenarioApiTests; planners of the SWV only)",
    "network-scenario-detail": "network/tests/test_scenarios.py (ScenarioApiTests; another SWV gets 404)",
    "application-list": "referrals/tests/test_application_api.py",
    "application-detail": "referrals/tests/test_application_api.py",
    "application-documents": "referrals/tests/test_application_api.py",
    "application-submit": "referrals/tests/test_application_api.py",
    "application-completeness": "referrals/tests/test_application_api.py",
    "application-experts": "referrals/tests/test_application_api.py, test_expert_matching.py (ExpertsApiTests)",
    "application-experts-replace": "referrals/tests/test_expert_replacement.py (ExpertReplaceApiTests)",
    "application-advice": "referrals/tests/test_application_api.py",
    "application-extend": "referrals/tests/test_application_api.py",
    "application-decision": "referrals/tests/test_application_api.py",
    "application-letter": "referrals/tests/test_application_api.py (LetterApiTests)",
    "application-worklist": "referrals/tests/test_application_api.py (WorklistApiTests)",
    "application-coordinator-review": "referrals/tests/test_application_api.py (BudgetApiTests)",
    "application-budget-decision": "referrals/tests/test_application_api.py (BudgetApiTests)",
    "application-follow-up": "referrals/tests/test_application_api.py (BudgetApiTests)",
    "application-hearing": "referrals/tests/test_hearing.py (HearingApiAndPageTests, HearingPermissionTests)",
    "application-hearing-report": "referrals/tests/test_hearing.py (HearingApiAndPageTests, HearingPermissionTests)",
    "application-development-areas": "referrals/tests/test_development_areas.py (DevelopmentAreasApiTests)",
    # [admissions] routes
    "admission-list": "admissions/tests/test_admissions_api.py",
    "admission-detail": "admissions/tests/test_admissions_api.py",
    "admission-extend": "admissions/tests/test_admissions_api.py",
    "admission-decide": "admissions/tests/test_admissions_api.py",
    "admission-place": "admissions/tests/test_admissions_api.py",
    "admission-handover": "admissions/tests/test_admissions_api.py",
    "objection-list": "admissions/tests/test_admissions_api.py",
    "objection-detail": "admissions/tests/test_admissions_api.py",
    "objection-extend": "admissions/tests/test_admissions_api.py",
    "objection-hearing": "admissions/tests/test_admissions_api.py",
    "objection-advice": "admissions/tests/test_admissions_api.py",
    "objection-decide": "admissions/tests/test_admissions_api.py",
    "table-case-list": "admissions/tests/test_admissions_api.py",
    "table-case-detail": "admissions/tests/test_admissions_api.py",
    "table-case-outcome": "admissions/tests/test_admissions_api.py",
    # [basicsupport] routes
    "zelfscan-round-questions": "basicsupport/tests/test_zelfscan_api.py (zelfscan roles, own SWV's rounds)",
    "zelfscan-round-results": "basicsupport/tests/test_zelfscan_api.py (released scans only for the SWV)",
    "zelfscan-responses": "basicsupport/tests/test_zelfscan_api.py (only the school itself)",
    "zelfscan-round-district-profiles": "basicsupport/tests/test_district_profiles.py (released scans only)",
    # [monitoring] routes
    "indicator-list": "monitoring/tests/test_indicator_api.py (catalogue; audience per role)",
    "indicator-values": "monitoring/tests/test_indicator_api.py (own SWV; partners suppressed; boards own schools)",
    "finance-reserves": "finance/tests/test_reserves_api.py (finance roles, own SWVs only)",
    "finance-reserves-calculate": "finance/tests/test_reserves_api.py (finance roles; no data read)",
    "finance-vangnet-list": "finance/tests/test_vangnet_api.py (school own, board its schools, SWV staff own SWV)",
    "finance-vangnet-verify": "finance/tests/test_vangnet_api.py (SWV director/manager/controller, own SWV)",
    "finance-arrangement-funds": "finance/tests/test_arrangement_funds.py (board own schools, staff own SWV)",
    # [steunpunt] routes
    "thuiszitter-list": "steunpunt/tests/test_thuiszitter_api.py",
    "thuiszitter-detail": "steunpunt/tests/test_thuiszitter_api.py",
    "escalation-list": "steunpunt/tests/test_escalation_clock.py",
    "steunpunt-question-list": "steunpunt/tests/test_questions.py",
    # [imports] routes
    "import-list": "imports/tests/test_import_api.py (import roles; per kind own SWVs; policy counts only)",
    "import-detail": "imports/tests/test_import_api.py (404 for another SWV or a kind the role may not import)",
    "import-confirm": "imports/tests/test_import_api.py",
    "import-reconciliation": "imports/tests/test_import_api.py",
    # [complaints] routes
    "complaint-list": "complaints/tests/test_complaints_api.py (SWV office, own SWV; school, policy, partner 403)",
    "complaint-detail": "complaints/tests/test_complaints_api.py (404 for another SWV)",
    "complaint-handle": "complaints/tests/test_complaints_api.py (SWV office of the complaint's SWV only)",
}


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
@pytest.mark.parametrize("scope", [OWN, OTHER_SCHOOL, OTHER_SWV])
def test_pupil_detail_per_role_and_scope(role, scope, matrix_world, api_client_for):
    user = make_user(role, matrix_world)
    pupil = matrix_world["targets"][scope]
    expected = expected_detail_status(role, scope)
    before = last_event_id()

    response = api_client_for(user).get(f"/api/v1/pupils/{pupil.pk}/")

    assert response.status_code == expected
    event = assert_one_complete_audit_row(before, user, "success" if expected == 200 else "denied")
    assert event.pupil_id == pupil.pk
    if expected == 200:
        assert response.json()["id"] == pupil.pk
    else:
        assert str(pupil.last_name) not in response.content.decode()


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
def test_pupil_list_per_role(role, matrix_world, api_client_for):
    user = make_user(role, matrix_world)
    before = last_event_id()
    expected_ids = expected_list_ids(role, matrix_world)

    response = api_client_for(user).get("/api/v1/pupils/")

    if expected_ids is None:
        assert response.status_code == 403
        assert_one_complete_audit_row(before, user, "denied")
        return
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == expected_ids
    event = assert_one_complete_audit_row(before, user, "success")
    assert set(event.detail["pupil_ids"]) == expected_ids


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
def test_search_never_leaks_across_scope(role, matrix_world, api_client_for):
    """Searching by the exact name or number of a pupil out of scope finds nothing."""
    user = make_user(role, matrix_world)
    other = matrix_world["other_swv_pupil"]
    for term in (other.last_name, other.pupil_number):
        response = api_client_for(user).get("/api/v1/pupils/", {"search": term})
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            assert response.json()["results"] == []


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.SECRETARIAT, Role.PARTNER, Role.SCHOOL, Role.ADMIN])
def test_audit_log_only_for_the_privacy_officer(role, matrix_world, api_client_for):
    client = api_client_for(make_user(role, matrix_world))
    expected = 200 if role == Role.PRIVACY_OFFICER else 403
    assert client.get("/api/v1/audit-events/").status_code == expected
    assert client.get("/api/v1/audit-events/export/").status_code == expected


def test_organisation_lists_stay_in_the_tenant(matrix_world, api_client_for):
    client = api_client_for(make_user(Role.SECRETARIAT, matrix_world))
    other_school = matrix_world["other_swv_pupil"].school
    school_ids = {row["id"] for row in client.get("/api/v1/schools/").json()["results"]}
    assert matrix_world["school"].pk in school_ids and other_school.pk not in school_ids
    assert client.get(f"/api/v1/schools/{other_school.pk}/").status_code == 404
    swv_ids = {row["id"] for row in client.get("/api/v1/swvs/").json()["results"]}
    assert swv_ids == {matrix_world["swv"].pk}


def route_names(patterns) -> set[str]:
    """Names of every route, also those of included url modules."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            names.add(pattern.name)
        else:
            names |= route_names(pattern.url_patterns)
    return names - {None}


def test_every_api_route_is_in_the_matrix():
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    names = route_names(api.url_patterns)
    assert names == set(COVERED_ROUTES), f"decide the authorisation of: {names ^ set(COVERED_ROUTES)}"
