"""Factories for the zelfscan: the real norm (loaded from the data files) and rounds on it."""

import factory

from dekkend.audit.services import AuditContext
from dekkend.basicsupport.models import Round
from dekkend.basicsupport.rules import DATA_DIR
from dekkend.basicsupport.services import norm_version_load
from dekkend.organisations.tests.factories import SwvFactory

SYSTEM = AuditContext(purpose="test")


def norm_2024():
    return norm_version_load(path=DATA_DIR / "anb-2024.yaml", context=SYSTEM)


def norm_2025():
    return norm_version_load(path=DATA_DIR / "anb-2025.yaml", context=SYSTEM)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    swv = factory.SubFactory(SwvFactory)
    norm_version = factory.LazyFunction(norm_2025)
    variant = "po"
    school_year = factory.Sequence(lambda n: f"{2025 + n}-{2026 + n}")
    title = factory.LazyAttribute(lambda o: f"Zelfscan {o.school_year}")
    opened_on = factory.Faker("date_this_year")
