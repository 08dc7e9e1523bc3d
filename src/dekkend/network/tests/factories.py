import factory

from dekkend.network.models import ProvisionGroup, ProvisionType
from dekkend.organisations.tests.factories import ProvisionFactory


class ProvisionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvisionGroup

    provision = factory.SubFactory(ProvisionFactory)
    name = factory.Sequence(lambda n: f"Groep {n}")
    provision_type = ProvisionType.SO
    school_year = "2025-2026"
    offer_leren = 4
    offer_werkhouding = 4
    offer_communicatie = 4
    offer_fysiek = 4
    offer_context = 4
    offer_gedrag = 4
    places_category_1 = 12
    current_pupils = 10
    free_places = 2
