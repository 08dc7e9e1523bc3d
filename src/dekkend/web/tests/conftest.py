"""A small world for the page tests: two SWVs, schools, provisions, pupils and users per role."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.models import Area, Provision, SchoolType
from dekkend.organisations.tests.factories import BoardFactory, ProvisionFactory, SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory


class World:
    pass


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The world creates a user per role; Argon2 would make every test slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    w = World()
    w.swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere PO")
    w.other_swv = SwvFactory(code="elders-po", name="SWV Elders")
    w.city = Area.objects.create(name="Almere", kind=Area.Kind.MUNICIPALITY)
    w.wijk = Area.objects.create(name="Stad 1", kind=Area.Kind.WIJK, parent=w.city)
    w.board = BoardFactory(name="Stichting Proef")
    w.school = SchoolFactory(swv=w.swv, board=w.board, name="De Regenboog")
    w.school.locations.update(area=w.wijk, street="Kerkstraat 1", postcode="1300 AA")
    w.sister = SchoolFactory(swv=w.swv, board=w.board, name="De Zon", school_type=SchoolType.SBO)
    w.other_school = SchoolFactory(swv=w.swv, name="Het Anker")
    w.elsewhere = SchoolFactory(swv=w.other_swv, name="Elders School")
    w.pupils = [PupilFactory(school=w.school) for _ in range(6)]
    w.pupil = w.pupils[0]
    PlacementFactory(pupil=w.pupil, school=w.school)
    w.sister_pupil = PupilFactory(school=w.sister)
    w.other_pupil = PupilFactory(school=w.other_school)
    w.elsewhere_pupil = PupilFactory(school=w.elsewhere)
    w.provision = ProvisionFactory(
        swv=w.swv, name="SBO De Baken", kind=Provision.Kind.SBO, area=w.wijk, places=120, number="3"
    )
    w.arrangement = ProvisionFactory(
        swv=w.swv, name="Talentenlab", kind=Provision.Kind.ARRANGEMENT, host=w.provision, target_group="Hoogbegaafd"
    )
    w.foreign_provision = ProvisionFactory(swv=w.other_swv, name="SO Elders", kind=Provision.Kind.SO)
    w.users = {
        "school": user_with_role(Role.SCHOOL, school=w.school),
        "consultant": user_with_role(Role.CONSULTANT, school=w.school),
        "board": user_with_role(Role.BOARD, swv=w.swv, board=w.board),
        "secretariat": user_with_role(Role.SECRETARIAT, swv=w.swv),
        "manager": user_with_role(Role.MANAGER, swv=w.swv),
        "director": user_with_role(Role.DIRECTOR, swv=w.swv),
        "expert": user_with_role(Role.EXPERT, swv=w.swv),
        "policy": user_with_role(Role.POLICY, swv=w.swv),
        "partner": user_with_role(Role.PARTNER, swv=w.swv, organisation_name="Gemeente Almere"),
        "privacy": user_with_role(Role.PRIVACY_OFFICER, swv=w.swv),
        "admin": user_with_role(Role.ADMIN),
    }
    return w


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
