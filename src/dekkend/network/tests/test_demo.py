import pytest

from dekkend.network.demo import load_matrix_demo
from dekkend.network.models import ProvisionGroup, RuleTable
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SwvFactory

pytestmark = pytest.mark.django_db


class MatrixDemoTests:
    def test_every_provision_gets_a_group_once(self):
        swv = SwvFactory()
        for kind in Provision.Kind.values:
            ProvisionFactory(swv=swv, kind=kind)

        assert load_matrix_demo(swv=swv) == len(Provision.Kind.values)
        assert load_matrix_demo(swv=swv) == 0
        assert ProvisionGroup.objects.filter(provision__swv=swv).count() == len(Provision.Kind.values)
        assert RuleTable.objects.filter(swv=swv).count() == 1
        assert ProvisionGroup.objects.filter(free_places=0).exists()


class DemoProfilesTests:
    def test_pupils_at_special_provisions_get_profiles_and_the_coverage_shows_a_gap(self):
        import datetime

        from dekkend.audit.services import AuditContext
        from dekkend.network.demo import load_demo
        from dekkend.network.models import SupportProfile
        from dekkend.network.selectors import coverage
        from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory

        from .areas import almere

        areas = almere()
        swv = SwvFactory()
        so = ProvisionFactory(swv=swv, kind=Provision.Kind.SO, area=areas["Almere Haven"])
        load_matrix_demo(swv=swv)
        pupils = [PupilFactory(swv=swv, school__swv=swv, home_area=areas["Buiten 1"]) for _ in range(12)]
        for pupil in pupils:
            PlacementFactory(pupil=pupil, school=None, provision=so, start_date=datetime.date(2024, 8, 26))

        line = load_demo(context=AuditContext(purpose="demo"))

        assert SupportProfile.objects.filter(pupil__in=pupils).count() == 12
        assert "12" in line
        result = coverage(swv=swv, sector="po")
        assert result.total("demand") > 0 and result.gaps()
        # Running again adds nothing for pupils who already have a profile.
        load_demo(context=AuditContext(purpose="demo"))
        assert SupportProfile.objects.filter(pupil__in=pupils).count() == 12
