import datetime

import factory

from dekkend.complaints.models import Complaint
from dekkend.organisations.tests.factories import SwvFactory


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    class Params:
        closed = factory.Trait(
            status=Complaint.Status.CLOSED,
            acknowledged_on=factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(days=2)),
            handled_on=factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(days=20)),
            outcome=Complaint.Outcome.ONGEGROND,
            explanation="De procedure is gevolgd (synthetisch).",
        )

    swv = factory.SubFactory(SwvFactory)
    received_on = datetime.date(2026, 3, 2)
    complainant = Complaint.Complainant.PARENTS
    procedure = Complaint.Procedure.TOELEIDING
    summary = "Ouders vinden dat het besluit te lang duurde (synthetisch)."
