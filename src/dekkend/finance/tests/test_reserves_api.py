"""The reserves API: the what-if for the controller and the tables, per role and SWV."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.tests.factories import SwvFactory

pytestmark = pytest.mark.django_db

CALCULATE = "/api/v1/finance/reserves/calculate/"
FINANCE_ROLES = [Role.DIRECTOR, Role.MANAGER, Role.POLICY]
OTHER_ROLES = [Role.SCHOOL, Role.BOARD, Role.SECRETARIAT, Role.CONSULTANT, Role.EXPERT, Role.PARTNER]


@pytest.fixture
def controller(almere_po):
    return user_with_role(Role.POLICY, swv=almere_po)


@pytest.mark.parametrize("role", FINANCE_ROLES)
def test_finance_roles_calculate_the_signalling_value(role, api_client_for):
    client = api_client_for(user_with_role(role, swv=SwvFactory()))

    response = client.post(CALCULATE, {"baten": "19117500", "eigen_vermogen": "626205.25"}, format="json")

    assert response.status_code == 200
    assert response.json() == {
        "baten": "19117500.00",
        "eigen_vermogen": "626205.25",
        "signaleringswaarde": "669112.50",
        "bovenmatig": False,
        "bovenmatig_deel": "-42907.25",
        "ratio": "0.94",
    }


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_may_not_calculate(role, api_client_for):
    client = api_client_for(user_with_role(role, swv=SwvFactory()))
    response = client.post(CALCULATE, {"baten": "1000000", "eigen_vermogen": "1"}, format="json")
    assert response.status_code == 403


def test_anonymous_may_not_calculate(api_client):
    assert api_client.post(CALCULATE, {"baten": "1", "eigen_vermogen": "1"}, format="json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("equity", "excessive"), [("35000.00", False), ("35000.01", True), ("34999.99", False), ("-5", False)]
)
def test_the_threshold_itself_is_not_excessive(equity, excessive, controller, api_client_for):
    response = api_client_for(controller).post(
        CALCULATE, {"baten": "1000000", "eigen_vermogen": equity}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["signaleringswaarde"] == "35000.00"
    assert response.json()["bovenmatig"] is excessive


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"baten": "0", "eigen_vermogen": "1"}, "baten", "Totale baten moeten meer dan nul zijn."),
        ({"baten": "-100", "eigen_vermogen": "1"}, "baten", "Totale baten moeten meer dan nul zijn."),
        ({"baten": "veel", "eigen_vermogen": "1"}, "baten", "Een geldig nummer is vereist."),
        ({"baten": "100", "eigen_vermogen": "1.234.5"}, "eigen_vermogen", "Een geldig nummer is vereist."),
        ({"baten": "100.123", "eigen_vermogen": "1"}, "baten", None),
        ({"eigen_vermogen": "1"}, "baten", "Dit veld is vereist."),
    ],
)
def test_bad_amounts_get_a_dutch_message(payload, field, message, controller, api_client_for):
    response = api_client_for(controller).post(CALCULATE, payload, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert field in response.json()
    if message:
        assert response.json()[field] == [message]


def test_reserves_table_shows_only_the_callers_swvs(almere_po, almere_vo, api_client_for):
    client = api_client_for(user_with_role(Role.POLICY, swv=almere_po))

    data = client.get("/api/v1/finance/reserves/").json()

    assert [entry["swv"] for entry in data] == [almere_po.pk]
    assert [row["bovenmatig_deel"] for row in data[0]["years"]] == [
        "1455410.00",
        "774500.00",
        "100746.00",
        "-42907.00",
        "-180134.00",
    ]
    assert client.get("/api/v1/finance/reserves/", {"swv": almere_vo.pk}).json() == []
    assert client.get("/api/v1/finance/reserves/", {"swv": "x"}).status_code == 400


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_reserves_table_is_refused_to_other_roles(role, almere_po, api_client_for):
    client = api_client_for(user_with_role(role, swv=almere_po))
    assert client.get("/api/v1/finance/reserves/").status_code == 403
