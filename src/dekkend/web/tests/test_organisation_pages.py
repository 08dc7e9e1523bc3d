"""Organisations, schools and the network of provisions: each user sees their own SWV(s)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class OrganisationListTests:
    def test_lists_schools_and_boards_of_own_swv_only(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:organisations")).content.decode()
        for name in ("De Regenboog", "De Zon", "Het Anker", "Stichting Proef"):
            assert name in html
        assert "Elders School" not in html

    def test_filters_by_board_area_and_search(self, world, client_for):
        client = client_for(world.users["secretariat"])
        by_board = client.get(reverse("web:organisations"), {"board": world.board.pk}).context["page"]
        assert {s.name for s in by_board} == {"De Regenboog", "De Zon"}
        by_area = client.get(reverse("web:organisations"), {"area": world.city.pk}).context["page"]
        assert {s.name for s in by_area} == {"De Regenboog"}
        by_search = client.get(reverse("web:organisations"), {"q": "anker"}).context["page"]
        assert {s.name for s in by_search} == {"Het Anker"}

    def test_an_unknown_filter_value_is_ignored_with_a_message_not_an_error(self, world, client_for):
        response = client_for(world.users["secretariat"]).get(reverse("web:organisations"), {"board": "999999"})
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.content.decode()

    def test_partner_sees_small_pupil_counts_suppressed(self, world, client_for):
        html = client_for(world.users["partner"]).get(reverse("web:organisations"), {"q": "anker"}).content.decode()
        assert "&lt;5" in html

    def test_school_user_sees_exact_counts(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:organisations"), {"q": "anker"}).content.decode()
        assert "&lt;5" not in html

    def test_live_filtering_is_wired_for_htmx_without_inline_script(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:organisations")).content.decode()
        assert 'hx-select="#results"' in html and 'id="results"' in html


class SchoolDetailTests:
    def test_shows_locations_address_area_path_and_pupil_count(self, world, client_for):
        response = client_for(world.users["school"]).get(reverse("web:school_detail", args=[world.school.pk]))
        html = response.content.decode()
        assert "Kerkstraat 1" in html
        assert "Almere / Stad 1" in html
        assert response.context["school"].pupil_count == 6

    def test_school_of_another_swv_is_not_found(self, world, client_for):
        response = client_for(world.users["school"]).get(reverse("web:school_detail", args=[world.elsewhere.pk]))
        assert response.status_code == 404


class NetworkTests:
    def test_provisions_are_grouped_by_kind(self, world, client_for):
        response = client_for(world.users["partner"]).get(reverse("web:network"))
        kinds = [kind for kind, _label, _items in response.context["groups"]]
        assert kinds == ["sbo", "arrangement"]
        html = response.content.decode()
        assert "SBO De Baken" in html and "Talentenlab" in html and "SO Elders" not in html

    def test_filters_by_kind_area_and_search(self, world, client_for):
        client = client_for(world.users["secretariat"])
        assert client.get(reverse("web:network"), {"kind": "arrangement"}).context["total"] == 1
        assert client.get(reverse("web:network"), {"area": world.city.pk}).context["total"] == 1
        assert client.get(reverse("web:network"), {"q": "hoogbegaafd"}).context["total"] == 1
        empty = client.get(reverse("web:network"), {"q": "bestaat-niet"})
        assert "Geen voorzieningen gevonden" in empty.content.decode()

    def test_provision_detail_shows_host_and_hosted_arrangements(self, world, client_for):
        client = client_for(world.users["school"])
        host = client.get(reverse("web:provision_detail", args=[world.provision.pk])).content.decode()
        assert "Talentenlab" in host and "120" in host
        hosted = client.get(reverse("web:provision_detail", args=[world.arrangement.pk])).content.decode()
        assert "SBO De Baken" in hosted

    def test_provision_of_another_swv_is_not_found(self, world, client_for):
        response = client_for(world.users["school"]).get(
            reverse("web:provision_detail", args=[world.foreign_provision.pk])
        )
        assert response.status_code == 404


def test_user_without_a_role_cannot_see_organisations(db, client_for):
    from dekkend.accounts.tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("web:organisations"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
