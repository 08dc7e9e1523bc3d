import datetime

import factory
from django.utils import timezone

from dekkend.pupils.tests.factories import PupilFactory
from dekkend.steunpunt.models import Escalation, ParentHours, Question, Thuiszitter


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


def almere_ladder(swv):
    """The Almere ladder of the demo on ``swv``."""
    from dekkend.audit.services import AuditContext
    from dekkend.steunpunt import rules, services

    return services.escalation_ladder_set(swv=swv, levels=rules.ALMERE_LADDER, context=AuditContext())


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    school = factory.SubFactory("dekkend.organisations.tests.factories.SchoolFactory")
    swv = factory.SelfAttribute("school.swv")
    subject = "Geen passende plek gevonden (synthetisch)."
    level = factory.LazyAttribute(lambda o: almere_ladder(o.swv)[0])
    opened_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=10))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    swv = factory.SubFactory("dekkend.organisations.tests.factories.SwvFactory")
    channel = "phone"
    asker = "parent"
    theme = "extra_ondersteuning"
    text = "Mijn kind heeft extra hulp nodig. Wat kan ik doen? (synthetisch)"
    name = "Ouder Synthetisch"
    received_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))


def mornings(swv):
    """Parents' hours on Monday, Tuesday and Thursday 9:00-12:00 (demo values, not from the seeds)."""
    for weekday in (0, 1, 3):
        ParentHours.objects.create(swv=swv, weekday=weekday, starts=datetime.time(9), ends=datetime.time(12))
