"""The vangnet API: the declarations in the caller's scope and the SWV's verification."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.finance import services
from dekkend.finance.models import DeclarationStatus
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/finance/vangnet/"


def _verify_url(declaration) -> str:
    return f"/api/v1/finance/vangnet/{declaration.pk}/verify/"


@pytest.fixture
def submitted(vangnet_swv):
    user = user_with_role(Role.SCHOOL, school=vangnet_swv.so_school)
    context = AuditContext(user=user, purpose="test")
    declaration = services.vangnet_declaration_create(
        school_id=vangnet_swv.so_school.pk,
        year=2025,
        tlv_pupils_sep_1=10,
        tlv_pupils_feb_1=10,
        tlv_pupils_jun_1=14,
        context=context,
    )
    services.vangnet_movement_add(
        declaration_id=declaration.pk,
        day=datetime.date(2025, 2, 2),
        category="cat2",
        direction="in",
        pupils=2,
        context=context,
    )
    return services.vangnet_declaration_submit(declaration_id=declaration.pk, context=context)


def test_the_school_sees_its_declaration_with_the_figures(vangnet_swv, submitted, api_client_for):
    client = api_client_for(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))

    body = client.get(LIST).json()

    assert [item["id"] for item in body["results"]] == [submitted.pk]
    item = body["results"][0]
    assert item["groei_sep_feb"] == 0 and item["groei_feb_jun"] == 4 and item["meer_dan_gemiddelde_groei"]
    assert item["totaal"] == str(submitted.total_amount)


@pytest.mark.parametrize(
    ("make", "visible"),
    [
        (lambda swv: user_with_role(Role.SCHOOL, school=swv.sbo_school), False),
        (lambda swv: user_with_role(Role.BOARD, swv=swv, board=swv.board), True),
        (lambda swv: user_with_role(Role.MANAGER, swv=swv), True),
        (lambda swv: user_with_role(Role.MANAGER, swv=SwvFactory()), False),
    ],
)
def test_the_list_is_scoped(vangnet_swv, submitted, api_client_for, make, visible):
    body = api_client_for(make(vangnet_swv)).get(LIST).json()
    assert (submitted.pk in [item["id"] for item in body["results"]]) is visible


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.PARTNER, Role.EXPERT, Role.CONSULTANT])
def test_other_roles_are_refused(vangnet_swv, api_client_for, role):
    assert api_client_for(user_with_role(role, swv=vangnet_swv)).get(LIST).status_code == 403


def test_the_controller_approves(vangnet_swv, submitted, api_client_for):
    client = api_client_for(user_with_role(Role.POLICY, swv=vangnet_swv))

    response = client.post(_verify_url(submitted), {"uitkomst": "goedkeuren"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == DeclarationStatus.APPROVED
    again = client.post(_verify_url(submitted), {"uitkomst": "afwijzen", "redenen": "x"}, format="json")
    assert again.status_code == 400


def test_rejecting_without_reasons_is_a_dutch_400(vangnet_swv, submitted, api_client_for):
    client = api_client_for(user_with_role(Role.MANAGER, swv=vangnet_swv))
    response = client.post(_verify_url(submitted), {"uitkomst": "afwijzen"}, format="json")
    assert response.status_code == 400
    assert "redenen" in response.json()["redenen"][0].lower()
    submitted.refresh_from_db()
    assert submitted.status == DeclarationStatus.SUBMITTED


def test_the_school_cannot_verify_and_another_swv_cannot_find_it(vangnet_swv, submitted, api_client_for):
    school = api_client_for(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    assert school.post(_verify_url(submitted), {"uitkomst": "goedkeuren"}, format="json").status_code == 403
    outsider = api_client_for(user_with_role(Role.MANAGER, swv=SchoolFactory().swv))
    assert outsider.post(_verify_url(submitted), {"uitkomst": "goedkeuren"}, format="json").status_code == 404


def test_the_list_does_not_query_per_declaration(vangnet_swv, api_client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client_for(user_with_role(Role.MANAGER, swv=vangnet_swv))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    board = user_with_role(Role.BOARD, swv=vangnet_swv, board=vangnet_swv.board)
    context = AuditContext(user=board, purpose="test")
    services.vangnet_declaration_create(
        school_id=vangnet_swv.so_school.pk,
        year=2025,
        tlv_pupils_sep_1=1,
        tlv_pupils_feb_1=1,
        tlv_pupils_jun_1=2,
        context=context,
    )
    queries()  # the first request also reads the user's roles, which later requests reuse
    one = queries()
    for year in (2024, 2026):
        services.vangnet_declaration_create(
            school_id=vangnet_swv.so_school.pk,
            year=year,
            tlv_pupils_sep_1=1,
            tlv_pupils_feb_1=1,
            tlv_pupils_jun_1=2,
            context=context,
        )
    assert queries() == one
