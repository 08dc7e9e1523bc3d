import datetime

import factory

from dekkend.organisations.tests.factories import SchoolFactory
from dekkend.pupils.models import Placement, Pupil


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    swv = factory.SelfAttribute("school.swv")
    location = factory.LazyAttribute(lambda o: o.school.locations.first())
    pupil_number = factory.Sequence(lambda n: f"SYN-{n:06d}")
    first_name = factory.Iterator(["Noor", "Daan", "Sem", "Emma", "Liam", "Julia"])
    last_name = factory.Sequence(lambda n: f"Proefleerling{n}")
    birth_date = datetime.date(2016, 5, 17)
    sector = factory.LazyAttribute(lambda o: o.school.sector)
    is_synthetic = True


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    start_date = datetime.date(2020, 8, 20)
    reason = Placement.Reason.ENROLMENT
