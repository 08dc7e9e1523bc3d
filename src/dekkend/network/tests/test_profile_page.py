"""Recording a pupil's support-need profile: history, assessment, matching, audit, scope."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.network.models import ProvisionType, SupportProfile
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory
from dekkend.pupils.tests.factories import PupilFactory

from .areas import almere
from .factories import ProvisionGroupFactory

pytestmark = pytest.mark.django_db


def _data(**levels):
    data = dict.fromkeys(("leren", "werkhouding", "communicatie", "fysiek", "context", "gedrag"), 1)
    data.update(levels)
    return {**data, "group_size": "12", "iq": "", "learning_delay_years": ""}


@pytest.fixture
def world():
    areas = almere()
    school = SchoolFactory()
    pupil = PupilFactory(school=school, home_area=areas["Stad 1"])
    provision = ProvisionFactory(swv=school.swv, name="SO Stad", area=areas["Stad 1"])
    ProvisionGroupFactory(provision=provision, provision_type=ProvisionType.SO, offer_gedrag=6)
    return {"school": school, "pupil": pupil, "url": f"/dekkend-netwerk/leerling/{pupil.pk}/profiel/"}


class PupilPageLinkTests:
    def test_the_pupil_page_links_to_the_profile_and_back(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=world["school"]))

        pupil_page = client.get(f"/leerlingen/{world['pupil'].pk}/").content.decode()
        assert world["url"] in pupil_page and "Ondersteuningsprofiel (Almeerse Matrix)" in pupil_page

        profile_page = client.get(world["url"]).content.decode()
        assert f'href="/leerlingen/{world["pupil"].pk}/"' in profile_page and "Terug naar de leerling" in profile_page


class ProfilePageTests:
    def test_check_then_confirm_records_a_new_version_with_an_audit_event(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=world["school"]))

        check = client.post(world["url"], _data(gedrag=6))
        assert check.status_code == 200
        assert "Controleer voordat u vastlegt" in check.content.decode()
        assert SupportProfile.objects.count() == 0  # nothing saved by the check

        done = client.post(world["url"], {**_data(gedrag=6), "confirm": "1"}, follow=True)

        profile = SupportProfile.objects.get()
        assert profile.gedrag == 6 and profile.group_size == 12 and profile.pupil == world["pupil"]
        assert AuditEvent.objects.filter(object_type="support_profile", pupil_id=world["pupil"].pk).exists()
        html = done.content.decode()
        assert "speciaal onderwijs" in html.lower()  # the assessment of the latest profile
        assert "SO Stad" in html  # the match ranking

    def test_a_second_version_keeps_the_first_in_the_history(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=world["school"]))
        client.post(world["url"], {**_data(leren=3), "confirm": "1"})
        client.post(world["url"], {**_data(leren=4), "confirm": "1"})

        assert list(SupportProfile.objects.order_by("id").values_list("leren", flat=True)) == [3, 4]
        html = client.get(world["url"]).content.decode()
        assert html.count('<tr class="utrecht-table__row">') >= 2

    def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=world["school"]))

        response = client.post(world["url"], {**_data(leren=9), "group_size": "0", "iq": "87", "confirm": "1"})

        assert SupportProfile.objects.count() == 0
        html = response.content.decode()
        assert "Corrigeer" in html
        assert 'value="87"' in html

    def test_reading_the_page_is_an_audited_pupil_read(self, world, client):
        user = user_with_role(Role.SCHOOL, school=world["school"])
        client.force_login(user)

        client.get(world["url"])

        assert AuditEvent.objects.filter(object_type="pupil", pupil_id=world["pupil"].pk, action="read").exists()

    def test_a_school_of_another_pupil_gets_not_found(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=SchoolFactory(swv=world["school"].swv)))
        assert client.get(world["url"]).status_code == 404
        assert client.post(world["url"], {**_data(), "confirm": "1"}).status_code == 404
        assert SupportProfile.objects.count() == 0

    def test_an_expert_may_read_with_a_grant_but_not_record(self, world, client):
        import datetime

        from django.utils import timezone

        from dekkend.pupils.models import PupilAccessGrant

        expert = user_with_role(Role.EXPERT, swv=world["school"].swv)
        PupilAccessGrant.objects.create(
            user=expert,
            pupil=world["pupil"],
            basis=PupilAccessGrant.Basis.ASSIGNMENT,
            reason="dossier",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        client.force_login(expert)

        page = client.get(world["url"])
        assert page.status_code == 200 and "Nieuwe versie vastleggen" not in page.content.decode()
        assert client.post(world["url"], {**_data(), "confirm": "1"}).status_code == 403

    def test_a_partner_may_not_read_pupils(self, world, client):
        client.force_login(user_with_role(Role.PARTNER, swv=world["school"].swv))
        assert client.get(world["url"]).status_code == 403
