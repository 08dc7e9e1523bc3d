"""A refused write of the finance app stays in the audit log (docs/principles.md "Audit": denied
attempts commit on their own). Each service decides before its transaction opens, so the
refusal's row is not rolled back with the change that did not happen: exactly one DENIED row
naming who, the object and the SWV, and nothing else changes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditAction, AuditEvent, AuditOutcome
from dekkend.audit.services import AuditContext
from dekkend.finance import services
from dekkend.finance.models import (
    BoardAgreement,
    BudgetLine,
    BudgetLineChange,
    VangnetDeclaration,
    VangnetMovement,
    VangnetRate,
)

pytestmark = pytest.mark.django_db
YEAR = 2025
FINANCE_MODELS = (BudgetLine, BudgetLineChange, VangnetRate, VangnetDeclaration, VangnetMovement, BoardAgreement)


def _as(user) -> AuditContext:
    return AuditContext(user=user, purpose="test")


def _state() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in FINANCE_MODELS}


@pytest.fixture
def world(almere_po, vangnet_swv):
    """Almere PO's published budgets; an SWV with an SO school that declared (a draft with one
    movement, and a submitted declaration of the year before) and an agreement with its board."""
    school_user = user_with_role(Role.SCHOOL, school=vangnet_swv.so_school)
    draft = services.vangnet_declaration_create(
        school_id=vangnet_swv.so_school.pk,
        year=YEAR,
        tlv_pupils_sep_1=50,
        tlv_pupils_feb_1=52,
        tlv_pupils_jun_1=60,
        context=_as(school_user),
    )
    movement = services.vangnet_movement_add(
        declaration_id=draft.pk,
        day=datetime.date(YEAR, 3, 1),
        category="cat1",
        direction="in",
        pupils=2,
        context=_as(school_user),
    )
    submitted = VangnetDeclaration.objects.create(
        swv=vangnet_swv,
        school=vangnet_swv.so_school,
        year=YEAR - 1,
        tlv_pupils_sep_1=50,
        tlv_pupils_feb_1=52,
        tlv_pupils_jun_1=60,
        status="submitted",
    )
    return {
        "almere": almere_po,
        "swv": vangnet_swv,
        "line": BudgetLine.objects.filter(budget__swv=almere_po, budget__year=2024, budget__scenario="begroting")
        .order_by("pk")
        .first(),
        "draft": draft,
        "movement": movement,
        "submitted": submitted,
        "agreement": BoardAgreement.objects.create(
            swv=vangnet_swv, board=vangnet_swv.board, year=YEAR, goals="Minder thuiszitters"
        ),
        "school_user": school_user,
        "other_school": user_with_role(Role.SCHOOL, school=vangnet_swv.sbo_school),
        "almere_controller": user_with_role(Role.POLICY, swv=almere_po),
        "swv_controller": user_with_role(Role.POLICY, swv=vangnet_swv),
        "board_user": user_with_role(Role.BOARD, swv=vangnet_swv, board=vangnet_swv.board),
    }


def _budget_line(w, user):
    line = w["line"]
    return (
        lambda: services.budget_line_amount_change(
            line_id=line.pk, year=2024, scenario="begroting", amount=Decimal("1"), reason="x", context=_as(user)
        ),
        ("budget_line", str(line.pk), w["almere"].pk),
    )


def _rate(w, user):
    return (
        lambda: services.vangnet_rate_set(
            swv_id=w["swv"].pk, year=YEAR, category="cat1", amount=Decimal("1"), context=_as(user)
        ),
        ("vangnet_rate", "", w["swv"].pk),
    )


def _create(w, user):
    return (
        lambda: services.vangnet_declaration_create(
            school_id=w["swv"].so_school.pk,
            year=YEAR + 1,
            tlv_pupils_sep_1=1,
            tlv_pupils_feb_1=1,
            tlv_pupils_jun_1=2,
            context=_as(user),
        ),
        ("vangnet_declaration", "", w["swv"].pk),
    )


def _move(w, user):
    return (
        lambda: services.vangnet_movement_add(
            declaration_id=w["draft"].pk,
            day=datetime.date(YEAR, 3, 2),
            category="cat1",
            direction="in",
            pupils=1,
            context=_as(user),
        ),
        ("vangnet_declaration", str(w["draft"].pk), w["swv"].pk),
    )


def _unmove(w, user):
    return (
        lambda: services.vangnet_movement_remove(
            declaration_id=w["draft"].pk, movement_id=w["movement"].pk, context=_as(user)
        ),
        ("vangnet_declaration", str(w["draft"].pk), w["swv"].pk),
    )


def _submit(w, user):
    return (
        lambda: services.vangnet_declaration_submit(declaration_id=w["draft"].pk, context=_as(user)),
        ("vangnet_declaration", str(w["draft"].pk), w["swv"].pk),
    )


def _verify(w, user):
    return (
        lambda: services.vangnet_declaration_verify(declaration_id=w["submitted"].pk, approve=True, context=_as(user)),
        ("vangnet_declaration", str(w["submitted"].pk), w["swv"].pk),
    )


def _agreement(w, user):
    return (
        lambda: services.board_agreement_update(
            agreement_id=w["agreement"].pk,
            status="reported",
            report="Verantwoord",
            reported_on=datetime.date(YEAR, 3, 1),
            context=_as(user),
        ),
        ("board_agreement", str(w["agreement"].pk), w["swv"].pk),
    )


@pytest.mark.parametrize(
    ("attempt", "who"),
    [
        (_budget_line, "school_user"),
        (_budget_line, "swv_controller"),
        (_rate, "almere_controller"),
        (_rate, "school_user"),
        (_create, "other_school"),
        (_move, "other_school"),
        (_unmove, "other_school"),
        (_submit, "other_school"),
        (_submit, "swv_controller"),
        (_verify, "school_user"),
        (_verify, "almere_controller"),
        (_agreement, "almere_controller"),
        (_agreement, "board_user"),
    ],
    ids=lambda value: getattr(value, "__name__", value).strip("_"),
)
def test_a_refused_write_leaves_one_denied_row_and_changes_nothing(world, attempt, who):
    user = world[who]
    call, (object_type, object_id, swv_id) = attempt(world, user)
    before, last = _state(), AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    with pytest.raises(PermissionDenied):
        call()

    assert _state() == before
    events = list(AuditEvent.objects.filter(pk__gt=last))
    assert len(events) == 1, [(e.object_type, e.outcome) for e in events]
    event = events[0]
    assert (event.outcome, event.action) == (AuditOutcome.DENIED, AuditAction.UPDATE)
    assert (event.user_id, event.username) == (user.pk, user.get_username())
    assert (event.object_type, event.object_id, event.swv_id) == (object_type, object_id, swv_id)


def test_a_refused_declaration_names_the_school_and_year_not_a_declaration(world):
    with pytest.raises(PermissionDenied):
        _create(world, world["other_school"])[0]()

    event = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).latest("pk")
    assert event.detail == {"school_id": world["swv"].so_school.pk, "year": YEAR + 1}


def test_an_unknown_budget_line_or_agreement_is_refused_on_record(world):
    """Without an object the row names the id asked for and the user's own SWV."""
    controller, unknown = world["swv_controller"], 10**9
    with pytest.raises(PermissionDenied):
        services.budget_line_amount_change(
            line_id=unknown, year=2024, scenario="begroting", amount=Decimal("1"), context=_as(controller)
        )
    with pytest.raises(PermissionDenied):
        services.board_agreement_update(agreement_id=unknown, status="agreed", context=_as(controller))

    denied = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED, user_id=controller.pk).order_by("pk")
    assert [(e.object_type, e.object_id, e.swv_id) for e in denied] == [
        ("budget_line", str(unknown), world["swv"].pk),
        ("board_agreement", str(unknown), world["swv"].pk),
    ]
