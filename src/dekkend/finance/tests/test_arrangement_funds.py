"""Arrangement funds per school (Bijlage X): the general funds are the amount per pupil × the
pupils on the counting date, the share of area-, school- and group-oriented funding, the
yearly agreement per board and its accountability; a board sees its own schools only."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.finance import rules, services
from dekkend.finance.models import AgreementStatus, ArrangementFund, BoardAgreement, FundKind, Orientation
from dekkend.finance.selectors import funds_overview
from dekkend.organisations.tests.factories import BoardFactory, SchoolFactory, SwvFactory

pytestmark = pytest.mark.django_db
YEAR = 2024


def test_general_funds_are_the_rate_times_the_pupils():
    assert rules.general_fund_amount(rate_per_pupil=Decimal("48.25"), pupils=400) == Decimal("19300.00")
    assert rules.general_fund_amount(rate_per_pupil=Decimal("48.25"), pupils=0) == 0


def test_the_rate_per_pupil_never_spends_more_than_the_line():
    rate = rules.rate_per_pupil(budget_amount=Decimal("1318300"), pupils=27001)
    assert rate * 27001 <= Decimal("1318300") < (rate + Decimal("0.01")) * 27001
    assert rules.rate_per_pupil(budget_amount=Decimal("1318300"), pupils=0) is None


def test_the_oriented_share_counts_area_school_and_group_against_everything():
    share = rules.oriented_share(
        {"area": Decimal(10), "school": Decimal(20), "group": Decimal(30), "individual": Decimal(40)}
    )
    assert share == Decimal("0.6")
    assert rules.oriented_share({"individual": Decimal(5)}) == 0
    assert rules.oriented_share({}) is None


def test_the_agreement_is_due_before_may_of_the_year_before():
    assert rules.agreement_in_time(datetime.date(YEAR - 1, 4, 30), YEAR)
    assert not rules.agreement_in_time(datetime.date(YEAR - 1, 5, 1), YEAR)
    assert rules.accountability_period(YEAR) == (datetime.date(YEAR + 1, 1, 1), datetime.date(YEAR + 1, 2, 28))
    assert rules.accountability_period(2027)[1] == datetime.date(2028, 2, 29)


@pytest.fixture
def funds(db):
    swv = SwvFactory()
    own_board, other_board = BoardFactory(), BoardFactory()
    own = SchoolFactory(swv=swv, board=own_board, name="De Eigen School")
    other = SchoolFactory(swv=swv, board=other_board, name="De Andere School")
    for school, pupils in ((own, 200), (other, 100)):
        ArrangementFund.objects.create(
            swv=swv,
            school=school,
            year=YEAR,
            kind=FundKind.GENERAL,
            name="Algemeen",
            orientation=Orientation.SCHOOL,
            rate_per_pupil=Decimal("50"),
            pupils_on_counting_date=pupils,
        )
    ArrangementFund.objects.create(
        swv=swv,
        school=other,
        year=YEAR,
        kind=FundKind.SPECIFIC,
        name="Gis-groepen",
        orientation=Orientation.GROUP,
        amount=Decimal("5000"),
    )
    ArrangementFund.objects.create(
        swv=swv,
        school=other,
        year=YEAR,
        kind=FundKind.LWA,
        name="LWA",
        orientation=Orientation.INDIVIDUAL,
        amount=Decimal("10000"),
    )
    BoardAgreement.objects.create(swv=swv, board=own_board, year=YEAR, goals="80% stroomt uit")
    BoardAgreement.objects.create(swv=swv, board=other_board, year=YEAR, goals="Minder thuiszitters")
    return {"swv": swv, "own_board": own_board, "own": own, "other": other}


def test_staff_see_every_school_and_the_share(funds):
    overview = funds_overview(user_with_role(Role.MANAGER, swv=funds["swv"]), year=YEAR)
    general = {row.school_name: row.general for row in overview.schools}
    assert general == {"De Andere School": Decimal("5000"), "De Eigen School": Decimal("10000")}
    assert overview.total == Decimal("30000")
    assert overview.oriented_share == Decimal("20000") / Decimal("30000")


def test_a_board_sees_its_own_schools_and_agreement_only(client, funds):
    board_user = user_with_role(Role.BOARD, swv=funds["swv"], board=funds["own_board"])
    overview = funds_overview(board_user, year=YEAR)
    assert [row.school_name for row in overview.schools] == ["De Eigen School"]

    client.force_login(board_user)
    html = client.get(reverse("finance:arrangement_funds")).content.decode()
    assert "De Eigen School" in html and "De Andere School" not in html
    assert "80% stroomt uit" in html and "Minder thuiszitters" not in html


def test_a_school_sees_its_own_funds_and_no_agreements(funds):
    school_user = user_with_role(Role.SCHOOL, school=funds["own"])
    assert [row.school_name for row in funds_overview(school_user, year=YEAR).schools] == ["De Eigen School"]


def test_another_swv_sees_nothing(funds):
    assert funds_overview(user_with_role(Role.MANAGER, swv=SwvFactory()), year=YEAR).schools == []


def test_accountability_needs_the_report_and_its_date(funds):
    agreement = BoardAgreement.objects.get(board=funds["own_board"])
    controller = AuditContext(user=user_with_role(Role.POLICY, swv=funds["swv"]), purpose="test")
    with pytest.raises(ValidationError):
        services.board_agreement_update(agreement_id=agreement.pk, status=AgreementStatus.REPORTED, context=controller)

    services.board_agreement_update(
        agreement_id=agreement.pk,
        status=AgreementStatus.REPORTED,
        report="82% stroomde uit",
        reported_on=datetime.date(YEAR + 1, 2, 10),
        context=controller,
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REPORTED


def test_the_page_shows_the_figures_and_the_share(client, funds):
    client.force_login(user_with_role(Role.DIRECTOR, swv=funds["swv"]))
    html = client.get(reverse("finance:arrangement_funds"), {"jaar": YEAR}).content.decode()
    assert 'data-cell="funds-total">30.000<' in html
    assert "66,7%" in html


def test_the_api_gives_the_funds_per_school(funds, api_client_for):
    client = api_client_for(user_with_role(Role.BOARD, swv=funds["swv"], board=funds["own_board"]))
    body = client.get("/api/v1/finance/arrangement-funds/", {"jaar": YEAR}).json()
    assert [row["school_naam"] for row in body["scholen"]] == ["De Eigen School"]
    assert body["scholen"][0]["algemeen"] == "10000.00"
    assert body["aandeel_gebieds_school_groepsgericht"] == "1.0000"
    assert client.get("/api/v1/finance/arrangement-funds/", {"jaar": "twee"}).status_code == 400


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.PARTNER, Role.EXPERT])
def test_other_roles_are_refused(client, funds, role):
    client.force_login(user_with_role(role, swv=funds["swv"]))
    assert client.get(reverse("finance:arrangement_funds")).status_code == 403


def test_the_controller_records_the_accountability_on_the_page(client, funds):
    agreement = BoardAgreement.objects.get(board=funds["own_board"])
    url = reverse("finance:board_agreement_edit", args=[agreement.pk])
    client.force_login(user_with_role(Role.POLICY, swv=funds["swv"]))

    refused = client.post(url, {"status": AgreementStatus.REPORTED, "report": "", "reported_on": ""})
    assert refused.status_code == 400
    assert "Vul eerst in wat het bestuur heeft verantwoord" in refused.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT

    done = client.post(
        url, {"status": AgreementStatus.REPORTED, "report": "82% stroomde uit", "reported_on": "2025-02-10"}
    )
    assert done.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.reported_on) == (AgreementStatus.REPORTED, datetime.date(2025, 2, 10))


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.BOARD])
def test_only_the_controller_seat_records_accountability(client, funds, role):
    agreement = BoardAgreement.objects.get(board=funds["own_board"])
    client.force_login(user_with_role(role, swv=funds["swv"], board=funds["own_board"]))
    response = client.get(reverse("finance:board_agreement_edit", args=[agreement.pk]))
    assert response.status_code == 403
