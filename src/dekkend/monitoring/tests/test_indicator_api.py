"""GET /api/v1/indicators/ and /api/v1/indicators/{code}/values/: who sees what, and the
small-cell suppression for partners (also against a differencing attack)."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.tests.factories import SwvFactory

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db

VALUES = "/api/v1/indicators/doorverwijzing-so/values/"


@pytest.fixture
def w():
    """Referrals to SO from three schools: 3 from a1, 6 from a2 (board a), 7 from b1 (board b)."""
    w = world()
    s = w["schools"]
    for school, referred, regular in ((s["a1"], 3, 40), (s["a2"], 6, 50), (s["b1"], 7, 60)):
        for _ in range(regular):
            pupil_at(school)
        for _ in range(referred):
            pupil_at(s["so"], origin=school, moved_on=datetime.date(2023, 9, 1))
    return w


def get(api_client_for, user, url, **params):
    return api_client_for(user).get(url, params)


def test_the_catalogue_lists_what_the_role_may_see(w, api_client_for):
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    response = get(api_client_for, partner, "/api/v1/indicators/")
    assert response.status_code == 200
    codes = {entry["code"] for entry in response.json()}
    assert "doorverwijzing-so" in codes
    assert "financiering-gebiedsgericht" not in codes  # staff and boards only
    staff = get(api_client_for, user_with_role(Role.POLICY, swv=w["swv"]), "/api/v1/indicators/").json()
    assert "financiering-gebiedsgericht" in {entry["code"] for entry in staff}
    so = next(entry for entry in staff if entry["code"] == "doorverwijzing-so")
    assert so["source"].startswith("seeds/001_28cb0100de53310c.txt:1241")
    assert so["targets"]["2026"] == 1.69 and so["computed"] is True


def test_roles_without_indicators_are_refused(w, api_client_for):
    school_user = user_with_role(Role.SCHOOL, school=w["schools"]["a1"])
    assert get(api_client_for, school_user, "/api/v1/indicators/").status_code == 403
    assert get(api_client_for, school_user, VALUES, period="2025").status_code == 403


def test_another_swv_is_not_found(w, api_client_for):
    outsider = user_with_role(Role.POLICY, swv=SwvFactory())
    assert get(api_client_for, outsider, VALUES, swv=w["swv"].pk, period="2025").status_code == 404


def test_staff_see_every_number(w, api_client_for):
    staff = user_with_role(Role.MANAGER, swv=w["swv"])
    body = get(api_client_for, staff, VALUES, period="2025", level="school").json()
    a1 = next(cell for cell in body["cells"] if cell["key"] == str(w["schools"]["a1"].pk))
    assert (a1["numerator"], a1["denominator"], a1["suppressed"]) == (3, 43, False)
    assert body["total"]["numerator"] == 16


def test_partner_sees_small_cells_as_less_than_5(w, api_client_for):
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    body = get(api_client_for, partner, VALUES, period="2025", level="school").json()
    assert body["suppressed_view"] is True
    a1 = next(cell for cell in body["cells"] if cell["key"] == str(w["schools"]["a1"].pk))
    assert a1["display"] == "<5" and a1["count_display"] == "<5"
    assert a1["value"] is None and a1["numerator"] is None and a1["denominator"] is None


def test_a_hidden_school_cannot_be_derived_from_its_board_total(w, api_client_for):
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    board_a = w["boards"]["a"]
    boards = get(api_client_for, partner, VALUES, period="2025", level="board").json()
    board_cell = next(cell for cell in boards["cells"] if cell["key"] == str(board_a.pk))
    assert board_cell["numerator"] == 9  # shown: 9 pupils
    schools = get(api_client_for, partner, VALUES, period="2025", level="school", board=board_a.pk).json()
    assert schools["total"]["numerator"] == 9
    shown = [cell for cell in schools["cells"] if not cell["suppressed"]]
    hidden = [cell for cell in schools["cells"] if cell["suppressed"]]
    # a1 (3 pupils) is hidden; so is a2 (6), the complementary cell: 9 − shown is two cells, not one.
    assert {cell["key"] for cell in hidden} == {str(w["schools"]["a1"].pk), str(w["schools"]["a2"].pk)}
    assert 9 - sum(cell["numerator"] for cell in shown) == 9
    # The same cells are hidden without the filter, and the city total cannot isolate one either.
    everything = get(api_client_for, partner, VALUES, period="2025", level="school").json()
    hidden_everywhere = {cell["key"] for cell in everything["cells"] if cell["suppressed"]}
    assert {cell["key"] for cell in hidden} <= hidden_everywhere
    assert len(hidden_everywhere) >= 2


def test_partner_requests_that_could_undo_suppression_are_refused(w, api_client_for):
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    district = w["areas"]["north"].pk
    m4 = get(api_client_for, partner, VALUES, period="2025-M4")
    assert m4.status_code == 400 and "hele jaren" in m4.json()["period"][0]
    cross = get(api_client_for, partner, VALUES, period="2025", level="school", district=district)
    assert cross.status_code == 400
    assert get(api_client_for, partner, VALUES, period="2025", level="district", district=district).status_code == 200


def test_a_board_sees_only_its_own_schools(w, api_client_for):
    board_user = user_with_role(Role.BOARD, swv=w["swv"], board=w["boards"]["a"])
    body = get(api_client_for, board_user, VALUES, period="2025", level="school").json()
    assert {cell["key"] for cell in body["cells"]} == {str(w["schools"]["a1"].pk), str(w["schools"]["a2"].pk)}
    other = get(api_client_for, board_user, VALUES, period="2025", level="school", board=w["boards"]["b"].pk)
    assert other.status_code == 403


def test_bad_input_gets_a_dutch_message(w, api_client_for):
    staff = user_with_role(Role.POLICY, swv=w["swv"])
    assert get(api_client_for, staff, VALUES, period="vorig jaar").status_code == 400
    assert get(api_client_for, staff, VALUES, level="planeet").status_code == 400
    places = get(api_client_for, staff, "/api/v1/indicators/plaatsen-arrangementen/values/", level="school")
    assert places.status_code == 400
    assert get(api_client_for, staff, "/api/v1/indicators/bestaat-niet/values/").status_code == 404
    assert get(api_client_for, staff, "/api/v1/indicators/anb-basisniveau/values/").status_code == 404
