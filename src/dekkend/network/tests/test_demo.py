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
