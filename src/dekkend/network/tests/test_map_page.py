"""The public network map: /dekkend-netwerk/kaart/<swv>/."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.network.models import ProvisionType
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

from .areas import almere
from .factories import ProvisionGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    areas = almere()
    swv = SwvFactory(code="almere-po")
    sbo = ProvisionFactory(swv=swv, name="SBO De Kaart", area=areas["Stad 1"], kind=Provision.Kind.SBO)
    so = ProvisionFactory(swv=swv, name="SO Het Anker", area=areas["Almere Haven"], kind=Provision.Kind.SO)
    loose = ProvisionFactory(swv=swv, name="Arrangement Zonder Adres", kind=Provision.Kind.ARRANGEMENT)
    ProvisionGroupFactory(provision=sbo, provision_type=ProvisionType.SBO, free_places=0, name="SBO-groep")
    ProvisionGroupFactory(provision=so, provision_type=ProvisionType.SO, free_places=3, name="SO-groep")
    return {"swv": swv, "areas": areas, "sbo": sbo, "so": so, "loose": loose}


def _url(swv):
    return f"/dekkend-netwerk/kaart/{swv.code}/"


class PublicMapTests:
    def test_anyone_sees_every_provision_on_the_map_and_in_the_list_without_signing_in(self, client, world):
        response = client.get(_url(world["swv"]))

        assert response.status_code == 200
        html = response.content.decode()
        assert '<svg class="network-map"' in html
        for name in ("SBO De Kaart", "SO Het Anker", "Arrangement Zonder Adres", "Almere Haven", "Almere Buiten"):
            assert name in html
        assert f'href="#provision-{world["so"].pk}"' in html  # the marker leads to the list row
        assert f'id="provision-{world["so"].pk}"' in html
        assert "Stadsdeel niet bekend" in html

    def test_the_public_sees_no_pupil_and_no_link_to_staff_pages(self, client, world):
        pupil = PupilFactory(swv=world["swv"])
        events = AuditEvent.objects.count()

        html = client.get(_url(world["swv"])).content.decode()

        assert pupil.last_name not in html
        assert "/netwerk/" not in html.replace("/dekkend-netwerk/", "")
        assert AuditEvent.objects.count() == events

    def test_filter_on_free_places_leaves_only_groups_with_room(self, client, world):
        html = client.get(_url(world["swv"]), {"free_only": "on"}).content.decode()

        assert "SO Het Anker" in html and "SBO De Kaart" not in html

    def test_filter_on_target_group_and_sector(self, client, world):
        html = client.get(_url(world["swv"]), {"provision_type": "sbo"}).content.decode()
        assert "SBO De Kaart" in html and "SO Het Anker" not in html

        html = client.get(_url(world["swv"]), {"sector": "vo"}).content.decode()
        assert "SBO De Kaart" not in html and "SO Het Anker" not in html
        assert "Geen voorzieningen" in html

    def test_bad_filter_values_show_the_whole_map(self, client, world):
        response = client.get(_url(world["swv"]), {"provision_type": "onzin"})
        assert response.status_code == 200
        assert "SBO De Kaart" in response.content.decode()

    def test_unknown_swv_is_not_found(self, client, world):
        assert client.get("/dekkend-netwerk/kaart/bestaat-niet/").status_code == 404

    def test_staff_get_links_to_the_provision_pages(self, client, world):
        client.force_login(user_with_role(Role.SECRETARIAT, swv=world["swv"]))

        html = client.get(_url(world["swv"])).content.decode()

        assert f"/netwerk/{world['sbo'].pk}/" in html

    def test_the_network_home_lists_the_maps_publicly(self, client, world):
        response = client.get("/dekkend-netwerk/")
        assert response.status_code == 200
        assert _url(world["swv"]) in response.content.decode()
