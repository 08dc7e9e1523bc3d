# Run through `manage.py shell` by the browser fixtures when the demo app (load_demo) is not
# available: the smallest world the journeys need. All data is synthetic.
import datetime

from dekkend.accounts.models import Role, RoleAssignment, User
from dekkend.organisations.models import Board, Provision, School, SchoolLocation, SchoolType, Sector, Swv
from dekkend.pupils.models import Pupil

swv = Swv.objects.create(code="almere-po", name="Passend Onderwijs Almere PO", sector=Sector.PO, municipality="Almere")
board = Board.objects.create(name="Stichting Proefonderwijs Almere", is_synthetic=True)
schools = []
for number, name in enumerate(["De Proeftuin", "Het Oefenveld"]):
    school = School.objects.create(
        swv=swv, board=board, brin=f"99A{number}", name=name, school_type=SchoolType.BAO, is_synthetic=True
    )
    location = SchoolLocation.objects.create(school=school, code="00", name=name, city="Almere")
    for n in range(8):
        Pupil.objects.create(
            swv=swv,
            school=school,
            location=location,
            pupil_number=f"SYN-{number}{n:05d}",
            first_name="Proef",
            last_name=f"Leerling {number}-{n}",
            birth_date=datetime.date(2016, 3, 1),
            sector=Sector.PO,
        )
    schools.append(school)
Provision.objects.create(swv=swv, name="SBO De Proefhaven", kind=Provision.Kind.SBO, places=100, source="seed:1")

ACCOUNTS = [
    ("school", Role.SCHOOL, {"school": schools[0]}),
    ("secretariaat", Role.SECRETARIAT, {}),
    ("gemeente", Role.PARTNER, {"organisation_name": "Gemeente Almere"}),
    ("privacy", Role.PRIVACY_OFFICER, {}),
    ("deskundige1", Role.EXPERT, {}),
]
for username, role, scope in ACCOUNTS:
    user = User.objects.create_user(username=username, password="dekkend-demo", is_demo=True)
    RoleAssignment.objects.create(user=user, role=role, swv=swv, **scope)
