"""Documents downloaded from the dossier page: only for who may see the dossier, every download
audited, always as an attachment with the stored content type and a neutral file name."""

import datetime

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.referrals.models import ApplicationDocument

from .factories import PDF_BYTES, ApplicationFactory, DocumentFactory


@pytest.fixture
def stored(tlv):
    application = ApplicationFactory(pupil=tlv["pupil"])
    name = f"OPP {tlv['pupil'].last_name}.pdf"
    document = DocumentFactory(application=application, kind="opp", original_name=name)
    return {**tlv, "application": application, "document": document}


def download(client, user, application, document_pk):
    client.force_login(user)
    url = reverse("referrals:document_download", args=[application.pk, document_pk])
    return client.get(url)


class DownloadTests:
    def test_the_school_downloads_an_attachment_with_the_stored_type_and_no_pupil_name(self, stored, client):
        response = download(client, stored["school_user"], stored["application"], stored["document"].pk)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert stored["pupil"].last_name not in disposition and ".pdf" in disposition
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == PDF_BYTES

    def test_every_download_is_audited_with_the_pupil(self, stored, client):
        user = stored["secretariat"]
        download(client, user, stored["application"], stored["document"].pk)
        download(client, user, stored["application"], stored["document"].pk)
        events = AuditEvent.objects.filter(user_id=user.pk, object_type="application_document", outcome="success")
        assert events.count() == 2
        assert {e.pupil_id for e in events} == {stored["pupil"].pk}

    def test_an_assigned_expert_downloads_an_unassigned_one_gets_404(self, dossier, client):
        dossier.submit().complete().assign()
        document = ApplicationDocument.objects.filter(application=dossier.application).first()
        assigned, unassigned = dossier.world["experts"][0].user, dossier.world["experts"][2].user
        assert download(client, assigned, dossier.application, document.pk).status_code == 200
        assert download(client, unassigned, dossier.application, document.pk).status_code == 404

    @pytest.mark.parametrize(("who", "expected"), [("other_school", 404), ("other_swv", 404), ("partner", 403)])
    def test_denied_users_get_403_or_404_and_are_audited(self, stored, client, who, expected):
        swv = stored["swv"]
        user = {
            "other_school": lambda: user_with_role(Role.SCHOOL, school=SchoolFactory(swv=swv)),
            "other_swv": lambda: user_with_role(Role.MANAGER, swv=SwvFactory(code="elders")),
            "partner": lambda: user_with_role(Role.PARTNER, swv=swv),
        }[who]()
        response = download(client, user, stored["application"], stored["document"].pk)
        assert response.status_code == expected
        assert AuditEvent.objects.filter(user_id=user.pk, outcome="denied").exists()
        assert not AuditEvent.objects.filter(user_id=user.pk, object_type="application_document").exists()

    def test_a_document_of_another_dossier_is_not_found_through_this_one(self, stored, client):
        elsewhere = DocumentFactory(application=ApplicationFactory(pupil=stored["pupil"]))
        other_application = ApplicationFactory(pupil=stored["pupil"])
        response = download(client, stored["school_user"], other_application, elsewhere.pk)
        assert response.status_code == 404
        event = AuditEvent.objects.filter(object_type="application_document").latest("id")
        assert event.outcome == "error"

    def test_a_destroyed_document_is_gone(self, stored, client):
        stored["document"].file.delete(save=False)
        response = download(client, stored["school_user"], stored["application"], stored["document"].pk)
        assert response.status_code == 404

    def test_the_dossier_page_links_each_document_for_download(self, stored, client):
        client.force_login(stored["school_user"])
        page = client.get(reverse("referrals:application_detail", args=[stored["application"].pk])).content.decode()
        assert reverse("referrals:document_download", args=[stored["application"].pk, stored["document"].pk]) in page


def test_an_office_document_keeps_its_type_and_extension(stored, client):
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = DocumentFactory(
        application=stored["application"], kind="lvs", content_type=docx, document_date=datetime.date(2025, 2, 1)
    )
    response = download(client, stored["school_user"], stored["application"], document.pk)
    assert response["Content-Type"] == docx and ".docx" in response["Content-Disposition"]
