import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.models import Application, ApplicationDocument, ApplicationType, Discipline, ExpertProfile

PDF_BYTES = b"%PDF-1.7\n% synthetic test document\n%%EOF\n"


def pdf_upload(name: str = "opp.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    swv = factory.SelfAttribute("pupil.swv")
    type = ApplicationType.TLV
    requested_provision_type = "sbo"
    parent_consent = True
    parent_view = "Ouders steunen de aanvraag (synthetisch)."


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    kind = "opp"
    document_date = datetime.date(2025, 1, 15)
    signed_by_parents = True
    file = factory.LazyFunction(pdf_upload)
    content_type = "application/pdf"
    size = len(PDF_BYTES)


def expert(swv, discipline=Discipline.ORTHOPEDAGOOG, board=None, areas=()) -> ExpertProfile:
    """A user with the expert role in ``swv`` and an expert profile there (expertise in ``areas``)."""
    user = user_with_role(Role.EXPERT, swv=swv)
    return ExpertProfile.objects.create(
        swv=swv, user=user, discipline=discipline, employed_by_board=board, expertise_areas=list(areas)
    )
