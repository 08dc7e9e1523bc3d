import datetime

import factory

from dekkend.pupils.tests.factories import PupilFactory
from dekkend.steunpunt.models import Thuiszitter


class ThuiszitterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thuiszitter

    pupil = factory.SubFactory(PupilFactory)
    swv = factory.SelfAttribute("pupil.swv")
    school = factory.SelfAttribute("pupil.school")
    kind = "relatief"
    absent_since = datetime.date(2025, 1, 6)
    reported_on = datetime.date(2025, 1, 13)
    reason = "geen_passend_aanbod"
    plan = "Synthetisch plan: terug naar school met begeleiding."
