"""The demo loads a synthetic population with accounts whose roles see the right pupils."""

import itertools
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from dekkend.accounts.models import Role, RoleAssignment, User
from dekkend.accounts.validators import DEMO_PASSWORD
from dekkend.core.permissions import visible_pupils
from dekkend.demo.population import SPECIAL_SHARES
from dekkend.network.models import ProvisionGroup, RuleTable
from dekkend.organisations.models import Board, Provision, School, SchoolType, Sector, Swv
from dekkend.pupils.models import Placement, Pupil

pytestmark = pytest.mark.django_db

REFERENCE_DATE = date(2026, 10, 1)


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", pupils=600, stdout=out)
    return out.getvalue()


def user(username: str) -> User:
    return User.objects.get(username=username)


class TestDemoAccounts:
    def test_every_account_is_a_demo_account_with_the_demo_password(self, demo):
        users = User.objects.filter(is_demo=True)
        assert set(users.values_list("username", flat=True)) == {
            "secretariaat", "consulent", "deskundige1", "deskundige2", "deskundige3", "manager", "directeur",
            "beleid", "school", "school2", "bestuur", "gemeente", "privacy", "admin",
        }  # fmt: skip
        assert users.first().check_password(DEMO_PASSWORD)
        assert len(set(users.values_list("password", flat=True))) == 1

    def test_school_sees_only_the_pupils_of_its_own_school(self, demo):
        school_user = user("school")
        own_school = RoleAssignment.objects.get(user=school_user).school
        visible = visible_pupils(school_user)
        assert visible.exists()
        assert set(visible.values_list("school_id", flat=True)) == {own_school.pk}
        assert visible.count() == Pupil.objects.filter(school=own_school).count()

    def test_the_two_school_accounts_are_at_different_almere_po_schools(self, demo):
        first = RoleAssignment.objects.get(user=user("school")).school
        second = RoleAssignment.objects.get(user=user("school2")).school
        assert first != second
        assert {first.swv.code, second.swv.code} == {"almere-po"}
        assert {first.school_type, second.school_type} == {SchoolType.BAO}

    def test_consultant_has_five_almere_po_schools_including_the_school_account_school(self, demo):
        schools = {a.school for a in RoleAssignment.objects.filter(user=user("consulent"), role=Role.CONSULTANT)}
        assert len(schools) == 5
        assert RoleAssignment.objects.get(user=user("school")).school in schools
        assert {s.swv.code for s in schools} == {"almere-po"}

    def test_board_account_holds_the_board_of_the_school_account_and_it_has_several_schools(self, demo):
        board_role = RoleAssignment.objects.get(user=user("bestuur"))
        school = RoleAssignment.objects.get(user=user("school")).school
        assert board_role.role == Role.BOARD and board_role.board == school.board
        assert board_role.board.schools.filter(swv__code="almere-po").count() >= 3
        visible = visible_pupils(user("bestuur"))
        assert visible.exists()
        assert set(visible.values_list("school__board_id", flat=True)) == {school.board_id}

    def test_swv_staff_hold_almere_po_and_some_also_almere_vo(self, demo):
        for username in ("secretariaat", "manager", "directeur"):
            codes = set(RoleAssignment.objects.filter(user=user(username)).values_list("swv__code", flat=True))
            assert codes == {"almere-po", "almere-vo"}
        assert (
            visible_pupils(user("secretariaat")).count()
            == Pupil.objects.filter(swv__code__startswith="almere").count()
        )

    def test_roles_without_pupil_scope_see_no_pupils(self, demo):
        for username in ("beleid", "gemeente", "privacy", "admin", "deskundige1"):
            assert not visible_pupils(user(username)).exists(), username

    def test_partner_admin_and_expert_are_set_up_as_described(self, demo):
        assert RoleAssignment.objects.get(user=user("gemeente")).organisation_name == "Gemeente Almere"
        admin = user("admin")
        assert admin.is_staff and admin.is_superuser
        assert RoleAssignment.objects.get(user=admin).role == Role.ADMIN
        expert = user("deskundige1")
        assert "orthopedagoog" in expert.get_full_name()
        assert RoleAssignment.objects.get(user=expert).role == Role.EXPERT


class TestSyntheticPopulation:
    def test_every_pupil_school_and_board_of_the_demo_is_marked_synthetic(self, demo):
        assert Pupil.objects.count() == 600
        assert not Pupil.objects.filter(is_synthetic=False).exists()
        assert not School.objects.filter(is_synthetic=False).exists()
        assert not Board.objects.filter(is_synthetic=False).exists()
        assert all(n.startswith("SYN-") for n in Pupil.objects.values_list("pupil_number", flat=True))

    def test_special_education_share_follows_bijlage_ii(self, demo):
        special_types = {Sector.PO: {SchoolType.SBO, SchoolType.SO}, Sector.VO: {SchoolType.VSO, SchoolType.PRO}}
        for sector, types in special_types.items():
            pupils = Pupil.objects.filter(sector=sector)
            share = pupils.filter(school__school_type__in=types).count() / pupils.count()
            expected = sum(SPECIAL_SHARES[sector].values())
            assert share == pytest.approx(expected, abs=0.01), sector

    def test_ages_fit_the_sector(self, demo):
        for pupil in Pupil.objects.all():
            age = pupil.age_on(REFERENCE_DATE)
            assert (4 <= age <= 12) if pupil.sector == Sector.PO else (12 <= age <= 18), pupil.pupil_number
            assert pupil.school.sector == pupil.sector
            assert pupil.location.school_id == pupil.school_id

    def test_placement_histories_are_consistent(self, demo):
        histories: dict[int, list[Placement]] = {}
        for placement in Placement.objects.select_related("school").order_by("pupil_id", "start_date", "id"):
            histories.setdefault(placement.pupil_id, []).append(placement)
        pupils = Pupil.objects.in_bulk()
        assert set(histories) == set(pupils)
        with_second = 0
        for pupil_id, history in histories.items():
            assert history[0].reason == Placement.Reason.ENROLMENT
            for previous, following in itertools.pairwise(history):
                assert previous.end_date == following.start_date  # no gap, no overlap
                assert previous.end_date >= previous.start_date
            assert history[-1].end_date is None
            assert history[-1].school_id == pupils[pupil_id].school_id
            with_second += len(history) > 1
        assert 0.05 < with_second / len(histories) < 0.9

    def test_special_education_pupils_arrive_with_a_tlv_and_vo_pupils_by_transition(self, demo):
        reasons = set(Placement.objects.values_list("reason", flat=True))
        assert {Placement.Reason.TLV, Placement.Reason.TRANSITION, Placement.Reason.MOVE} <= reasons
        for placement in Placement.objects.filter(reason=Placement.Reason.TLV).select_related("school"):
            assert placement.school.school_type in {SchoolType.SBO, SchoolType.SO, SchoolType.VSO, SchoolType.PRO}
        for placement in Placement.objects.filter(reason=Placement.Reason.TRANSITION).select_related("school"):
            assert placement.school.sector == Sector.VO


class TestLoadDemoCommand:
    def test_progress_and_summary_are_printed(self, demo):
        assert "600/600" in demo

    def test_if_empty_skips_when_the_demo_is_present(self, demo):
        out = StringIO()
        call_command("load_demo", pupils=600, if_empty=True, stdout=out)
        assert Pupil.objects.count() == 600
        assert User.objects.filter(is_demo=True).count() == 14
        assert "600/600" not in out.getvalue()

    def test_loading_twice_without_if_empty_is_refused(self, demo):
        with pytest.raises(CommandError):
            call_command("load_demo", pupils=600, stdout=StringIO())
        assert Pupil.objects.count() == 600

    @override_settings(DEKKEND_ENV="production")
    def test_production_refuses_the_demo(self):
        with pytest.raises(CommandError, match="production"):
            call_command("load_demo", pupils=60, stdout=StringIO())
        assert not User.objects.filter(is_demo=True).exists()
        assert not Pupil.objects.exists()

    @override_settings(DEKKEND_ENV="production")
    def test_production_refuses_even_with_if_empty(self):
        with pytest.raises(CommandError, match="production"):
            call_command("load_demo", if_empty=True, stdout=StringIO())


class TestDemoLogins:
    def test_lists_every_demo_account_and_the_password(self, demo):
        out = StringIO()
        call_command("demo_logins", stdout=out)
        text = out.getvalue()
        for username in User.objects.filter(is_demo=True).values_list("username", flat=True):
            assert username in text
        assert DEMO_PASSWORD in text
        assert "Gemeente Almere" in text

    def test_without_demo_accounts_it_prints_no_password(self):
        out = StringIO()
        call_command("demo_logins", stdout=out)
        assert DEMO_PASSWORD not in out.getvalue()
        assert out.getvalue().strip()


@pytest.mark.django_db
def test_demo_gives_every_provision_a_matrix_group_and_each_swv_a_rule_table():
    call_command("load_demo", pupils=200, verbosity=0, stdout=StringIO())
    assert ProvisionGroup.objects.values("provision").distinct().count() == Provision.objects.count()
    assert RuleTable.objects.values("swv").distinct().count() == Swv.objects.count()
