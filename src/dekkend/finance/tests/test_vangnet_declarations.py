"""Vangnet declarations (Bijlage IX, 001:4079-4141): a go-school declares, the SWV verifies.
Each rule at its edges: the counting period's first and last day and the days around them,
growth equal to the autumn's, a total of exactly zero and a negative one, an approved
declaration that cannot be changed, other schools and other SWVs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.finance import services
from dekkend.finance.models import DeclarationStatus, VangnetRate
from dekkend.finance.selectors import vangnet_calculation, vangnet_declarations
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory

pytestmark = pytest.mark.django_db
YEAR = 2025


def _as(user) -> AuditContext:
    return AuditContext(user=user, purpose="test")


def _declaration(school, user, *, sep=50, feb=52, jun=60):
    return services.vangnet_declaration_create(
        school_id=school.pk,
        year=YEAR,
        tlv_pupils_sep_1=sep,
        tlv_pupils_feb_1=feb,
        tlv_pupils_jun_1=jun,
        context=_as(user),
    )


def _move(declaration, user, day, category="cat1", direction="in", pupils=1):
    return services.vangnet_movement_add(
        declaration_id=declaration.pk,
        day=day,
        category=category,
        direction=direction,
        pupils=pupils,
        context=_as(user),
    )


@pytest.fixture
def school_user(vangnet_swv):
    return user_with_role(Role.SCHOOL, school=vangnet_swv.so_school)


@pytest.fixture
def controller(vangnet_swv):
    return user_with_role(Role.POLICY, swv=vangnet_swv)


@pytest.mark.parametrize(
    ("day", "counts"),
    [
        (datetime.date(YEAR, 2, 1), False),
        (datetime.date(YEAR, 2, 2), True),
        (datetime.date(YEAR, 6, 1), True),
        (datetime.date(YEAR, 6, 2), False),
    ],
)
def test_only_movements_from_2_february_to_1_june_count(vangnet_swv, school_user, day, counts):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    if counts:
        _move(declaration, school_user, day)
        assert vangnet_calculation(declaration).rows[0].net == 1
    else:
        with pytest.raises(ValidationError) as error:
            _move(declaration, school_user, day)
        assert "02-02-2025" in str(error.value) and "01-06-2025" in str(error.value)
        assert declaration.movements.count() == 0


def test_a_movement_in_another_year_does_not_count(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    with pytest.raises(ValidationError):
        _move(declaration, school_user, datetime.date(YEAR + 1, 3, 1))


def test_amounts_are_net_inflow_times_the_years_rate(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat1", "in", 3)
    _move(declaration, school_user, datetime.date(YEAR, 4, 1), "cat1", "out", 1)
    _move(declaration, school_user, datetime.date(YEAR, 5, 1), "cat3", "in", 1)
    rates = {rate.category: rate.amount for rate in VangnetRate.objects.filter(swv=vangnet_swv, year=YEAR)}

    calculation = vangnet_calculation(declaration)

    amounts = {row.category: row.amount for row in calculation.rows}
    assert amounts["cat1"] == 2 * rates["cat1"]
    assert amounts["cat3"] == rates["cat3"]
    assert amounts["cat2"] is None  # no movement, no amount
    assert calculation.total == 2 * rates["cat1"] + rates["cat3"]


def test_an_sbo_school_declares_in_one_category(vangnet_swv):
    user = user_with_role(Role.SCHOOL, school=vangnet_swv.sbo_school)
    declaration = _declaration(vangnet_swv.sbo_school, user)
    _move(declaration, user, datetime.date(YEAR, 3, 1), "sbo")
    with pytest.raises(ValidationError):
        _move(declaration, user, datetime.date(YEAR, 3, 1), "cat1")
    assert [row.category for row in vangnet_calculation(declaration).rows] == ["sbo"]


def test_a_total_of_exactly_zero_is_declared(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat2", "in", 2)
    _move(declaration, school_user, datetime.date(YEAR, 5, 1), "cat2", "out", 2)

    sent = services.vangnet_declaration_submit(
        declaration_id=declaration.pk, context=_as(school_user), today=datetime.date(YEAR, 9, 1)
    )

    assert sent.status == DeclarationStatus.SUBMITTED
    assert sent.total_amount == Decimal("0")


def test_a_negative_total_is_not_declared(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat2", "out", 1)

    with pytest.raises(ValidationError) as error:
        services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))

    assert "negatief" in str(error.value) or "negative" in str(error.value)
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DRAFT


@pytest.mark.parametrize(("jun", "allowed"), [(54, False), (55, True)])
def test_spring_growth_must_be_more_than_the_autumns(vangnet_swv, school_user, jun, allowed):
    # autumn: 50 -> 52 (+2); spring: 52 -> 54 (+2, equal: not more) or 52 -> 55 (+3)
    declaration = _declaration(vangnet_swv.so_school, school_user, sep=50, feb=52, jun=jun)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1))
    if allowed:
        services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))
    else:
        with pytest.raises(ValidationError):
            services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))
    declaration.refresh_from_db()
    assert (declaration.status == DeclarationStatus.SUBMITTED) is allowed


def test_a_year_without_rates_cannot_be_sent(vangnet_swv, school_user):
    VangnetRate.objects.filter(swv=vangnet_swv, year=YEAR, category="cat1").delete()
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat1")

    with pytest.raises(ValidationError):
        services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))


def test_sent_on_1_october_is_in_time_and_on_2_october_late(vangnet_swv, school_user):
    from dekkend.finance import rules

    assert rules.vangnet_declaration_in_time(datetime.date(YEAR, 10, 1), YEAR)
    assert not rules.vangnet_declaration_in_time(datetime.date(YEAR, 10, 2), YEAR)


def test_the_rates_at_submission_hold_after_the_table_changes(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat1")
    sent = services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))
    before = vangnet_calculation(sent).total

    VangnetRate.objects.filter(swv=vangnet_swv, year=YEAR, category="cat1").update(amount=Decimal("1"))

    assert vangnet_calculation(sent).total == before == sent.total_amount


def _submitted(vangnet_swv, school_user):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    _move(declaration, school_user, datetime.date(YEAR, 3, 1), "cat1")
    return services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))


def test_an_approved_declaration_cannot_be_changed(vangnet_swv, school_user, controller):
    declaration = _submitted(vangnet_swv, school_user)
    services.vangnet_declaration_verify(declaration_id=declaration.pk, approve=True, context=_as(controller))

    with pytest.raises(ValidationError):
        _move(declaration, school_user, datetime.date(YEAR, 3, 2))
    with pytest.raises(ValidationError):
        services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))
    with pytest.raises(ValidationError):
        services.vangnet_declaration_verify(
            declaration_id=declaration.pk, approve=False, reasons="toch niet", context=_as(controller)
        )
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.APPROVED
    assert declaration.movements.count() == 1


def test_rejecting_needs_reasons_and_lets_the_school_correct_it(vangnet_swv, school_user, controller):
    declaration = _submitted(vangnet_swv, school_user)
    with pytest.raises(ValidationError):
        services.vangnet_declaration_verify(declaration_id=declaration.pk, approve=False, context=_as(controller))

    services.vangnet_declaration_verify(
        declaration_id=declaration.pk, approve=False, reasons="DUO telt 1 leerling minder", context=_as(controller)
    )
    _move(declaration, school_user, datetime.date(YEAR, 3, 3), "cat1")
    again = services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_as(school_user))

    assert again.status == DeclarationStatus.SUBMITTED
    assert AuditEvent.objects.filter(object_type="vangnet_declaration", object_id=str(declaration.pk)).count() >= 5


def test_a_draft_cannot_be_verified(vangnet_swv, school_user, controller):
    declaration = _declaration(vangnet_swv.so_school, school_user)
    with pytest.raises(ValidationError):
        services.vangnet_declaration_verify(declaration_id=declaration.pk, approve=True, context=_as(controller))


def test_another_school_cannot_declare_or_add_for_this_school(vangnet_swv, school_user):
    other = user_with_role(Role.SCHOOL, school=vangnet_swv.sbo_school)
    with pytest.raises(PermissionDenied):
        _declaration(vangnet_swv.so_school, other)
    declaration = _declaration(vangnet_swv.so_school, school_user)
    with pytest.raises(PermissionDenied):
        _move(declaration, other, datetime.date(YEAR, 3, 1))


def test_the_board_declares_for_its_own_schools_only(vangnet_swv):
    board_user = user_with_role(Role.BOARD, swv=vangnet_swv, board=vangnet_swv.board)
    _declaration(vangnet_swv.so_school, board_user)
    stranger = SchoolFactory(swv=vangnet_swv, school_type="so")
    with pytest.raises(PermissionDenied):
        _declaration(stranger, board_user)


def test_a_regular_school_has_no_vangnet(vangnet_swv):
    user = user_with_role(Role.SCHOOL, school=vangnet_swv.bao_school)
    with pytest.raises(ValidationError):
        _declaration(vangnet_swv.bao_school, user)


def test_another_swv_cannot_verify_or_see(vangnet_swv, school_user):
    declaration = _submitted(vangnet_swv, school_user)
    outsider = user_with_role(Role.MANAGER, swv=SwvFactory())

    with pytest.raises(PermissionDenied):
        services.vangnet_declaration_verify(declaration_id=declaration.pk, approve=True, context=_as(outsider))
    assert not vangnet_declarations(outsider).exists()
    assert list(vangnet_declarations(school_user)) == [declaration]
