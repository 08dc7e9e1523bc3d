import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals import services
from dekkend.referrals.models import Application, Discipline

from .factories import ApplicationFactory, DocumentFactory, expert

SUBMITTED = datetime.date(2025, 3, 10)
COMPLETE = datetime.date(2025, 3, 17)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def ctx(user) -> AuditContext:
    return AuditContext(user=user, client_address="127.0.0.1")


@pytest.fixture
def tlv(db):
    """An SWV with a school, its user, SWV staff, three eligible experts and a pupil of 10."""
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere (PO)")
    school = SchoolFactory(swv=swv)
    return {
        "swv": swv,
        "school": school,
        "pupil": PupilFactory(school=school, birth_date=datetime.date(2015, 1, 1)),
        "school_user": user_with_role(Role.SCHOOL, school=school),
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "manager": user_with_role(Role.MANAGER, swv=swv),
        "experts": [
            expert(swv, Discipline.ORTHOPEDAGOOG),
            expert(swv, Discipline.KINDERPSYCHIATER),
            expert(swv, Discipline.PSYCHOLOOG),
        ],
    }


def assessed_tlv(world, areas: list[str], experts: list) -> Application:
    """A complete TLV of the world's pupil about ``areas`` with ``experts`` (profiles, the first
    one first) assigned by the secretariat on the day it was complete."""
    application = ApplicationFactory(
        pupil=world["pupil"],
        development_areas=areas,
        status=Application.Status.COMPLETE,
        submitted_on=SUBMITTED,
        complete_on=COMPLETE,
        decision_due=COMPLETE + datetime.timedelta(weeks=6),
    )
    services.experts_assign(
        application_id=application.pk,
        experts=[profile.user_id for profile in experts],
        date=COMPLETE,
        context=ctx(world["secretariat"]),
    )
    return application


class Dossier:
    """Walks one TLV application through the services, step by step."""

    def __init__(self, world):
        self.world = world
        self.application = services.application_create(
            pupil_id=world["pupil"].pk,
            school_id=world["school"].pk,
            type="tlv",
            requested_provision_type="so",
            parent_consent=True,
            parent_view="Ouders willen passend onderwijs (synthetisch).",
            date=datetime.date(2025, 3, 1),
            context=ctx(world["school_user"]),
        )
        DocumentFactory(application=self.application, kind="opp", document_date=datetime.date(2025, 1, 15))
        DocumentFactory(application=self.application, kind="lvs", document_date=datetime.date(2025, 2, 1))

    @property
    def pk(self):
        return self.application.pk

    def refresh(self):
        self.application.refresh_from_db()
        return self.application

    def submit(self, on=SUBMITTED):
        services.application_submit(application_id=self.pk, date=on, context=ctx(self.world["school_user"]))
        return self

    def complete(self, on=COMPLETE):
        services.completeness_record(
            application_id=self.pk, complete=True, date=on, context=ctx(self.world["secretariat"])
        )
        return self

    def assign(self, first=0, second=1):
        experts = self.world["experts"]
        services.experts_assign(
            application_id=self.pk,
            experts=[experts[first].user_id, experts[second].user_id],
            date=COMPLETE,
            context=ctx(self.world["secretariat"]),
        )
        return self

    def advise(self, index, recommendation="grant", **terms):
        defaults = {"provision_type": "so", "funding_category": 2, "duration": "langdurig"}
        if recommendation == "refuse":
            defaults = {}
        if index == 0:
            defaults["triage"] = "hamerstuk"
        defaults["date"] = datetime.date(2025, 3, 24)
        services.advice_record(
            application_id=self.pk,
            recommendation=recommendation,
            motivation="Synthetische motivering.",
            context=ctx(self.world["experts"][index].user),
            **{**defaults, **terms},
        )
        return self

    def hear(self, on=datetime.date(2025, 4, 8), held=True):
        """The conversation with school and parents after an intended refusal."""
        services.hearing_record(
            application_id=self.pk,
            held=held,
            attendees="Ouders, intern begeleider, secretariaat (synthetisch)." if held else "",
            outcome="Ouders lichtten hun zienswijze toe (synthetisch)." if held else "",
            date=on,
            context=ctx(self.world["secretariat"]),
        )
        return self

    def decide(self, outcome="granted", on=datetime.date(2025, 4, 1), **extra):
        services.decision_record(
            application_id=self.pk,
            outcome=outcome,
            motivation="Synthetisch besluit.",
            date=on,
            context=ctx(self.world["manager"]),
            **extra,
        )
        return self


@pytest.fixture
def dossier(tlv):
    return Dossier(tlv)
