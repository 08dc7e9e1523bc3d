"""Retention: documents, advice and health data go 3 years after a TLV was granted; the
decision 7 years after; a dry run changes nothing; every destruction is audited."""

import datetime
import io
import os

import pytest
from django.core.management import call_command

from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.referrals.models import Advice, Application, ApplicationDocument, ExpertAssignment
from dekkend.referrals.retention import retention_apply, retention_due

from .factories import ApplicationFactory, DocumentFactory, expert

D = datetime.date
GRANTED = D(2022, 3, 15)
SYSTEM = AuditContext(purpose="test")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def granted_tlv(granted_on=GRANTED, **fields):
    application = ApplicationFactory(
        status="granted",
        outcome="granted",
        decided_on=granted_on,
        valid_from=granted_on,
        provision_type="sbo",
        duration="langdurig",
        pupil_view="Ik wil naar een kleinere klas (synthetisch).",
        motivation="Diagnose en medicatie (synthetische gezondheidsgegevens).",
        **fields,
    )
    document = DocumentFactory(application=application)
    profile = expert(application.swv)
    assignment = ExpertAssignment.objects.create(
        application=application, expert=profile, order=1, assigned_on=granted_on
    )
    Advice.objects.create(
        assignment=assignment, recommendation="grant", motivation="Synthetisch advies.", advised_on=granted_on
    )
    return application, document


def test_documents_stay_the_day_before_three_years():
    _application, document = granted_tlv()
    report = retention_apply(today=D(2025, 3, 14), context=SYSTEM)
    assert report.items == []
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()


def test_documents_advice_and_health_data_go_on_the_day_three_years_after(django_capture_on_commit_callbacks):
    application, document = granted_tlv()
    path = document.file.path
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_apply(today=D(2025, 3, 15), context=SYSTEM)
    assert [(i.application_id, i.what) for i in report.items] == [(application.pk, "documents")]
    application.refresh_from_db()
    assert not ApplicationDocument.objects.filter(application=application).exists()
    assert not Advice.objects.filter(assignment__application=application).exists()
    assert (application.motivation, application.pupil_view, application.parent_view) == ("", "", "")
    assert application.documents_destroyed_on == D(2025, 3, 15)
    # The decision itself stays.
    assert (application.status, application.provision_type, application.decided_on) == ("granted", "sbo", GRANTED)
    assert not os.path.exists(path)
    deletes = AuditEvent.objects.filter(action="delete", pupil_id=application.pupil_id)
    assert set(deletes.values_list("object_type", flat=True)) == {"application_document", "application"}


def test_second_run_destroys_nothing_more():
    granted_tlv()
    retention_apply(today=D(2025, 3, 15), context=SYSTEM)
    assert retention_apply(today=D(2025, 3, 16), context=SYSTEM).items == []


def test_decision_stays_the_day_before_seven_years_and_goes_on_the_day():
    application, _document = granted_tlv()
    retention_apply(today=D(2029, 3, 14), context=SYSTEM)
    assert Application.objects.filter(pk=application.pk).exists()
    report = retention_apply(today=D(2029, 3, 15), context=SYSTEM)
    assert [(i.application_id, i.what) for i in report.items] == [(application.pk, "decision")]
    assert not Application.objects.filter(pk=application.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="application", object_id=str(application.pk), detail__retention="decision"
    ).exists()


def test_leap_day_grant_counts_from_28_february():
    application, _document = granted_tlv(D(2024, 2, 29))
    assert retention_due(today=D(2027, 2, 27)) == []
    assert [i.application_id for i in retention_due(today=D(2027, 2, 28))] == [application.pk]


def test_renewal_keeps_its_own_dossier_when_the_old_decision_goes():
    old, _document = granted_tlv()
    renewal = ApplicationFactory(pupil=old.pupil, type="tlv_verlenging", tlv=old)
    retention_apply(today=D(2029, 3, 15), context=SYSTEM)
    renewal.refresh_from_db()
    assert renewal.tlv_id is None


def test_refused_and_open_dossiers_are_not_touched():
    refused = ApplicationFactory(status="refused", decided_on=GRANTED)
    DocumentFactory(application=refused)
    open_one = ApplicationFactory(status="in_assessment")
    DocumentFactory(application=open_one)
    assert retention_apply(today=D(2035, 1, 1), context=SYSTEM).items == []
    assert ApplicationDocument.objects.count() == 2


def test_dry_run_lists_and_changes_nothing():
    application, document = granted_tlv()
    before = AuditEvent.objects.count()
    report = retention_apply(today=D(2030, 1, 1), dry_run=True, context=SYSTEM)
    assert [(i.application_id, i.what) for i in report.items] == [(application.pk, "decision")]
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert AuditEvent.objects.count() == before


def test_command_dry_run_and_real_run():
    application, _document = granted_tlv()
    out = io.StringIO()
    call_command("apply_retention", "--today", "2025-03-15", "--dry-run", stdout=out)
    assert f"{application.pk}" in out.getvalue()
    assert ApplicationDocument.objects.filter(application=application).exists()
    out = io.StringIO()
    call_command("apply_retention", "--today", "2025-03-15", stdout=out)
    assert not ApplicationDocument.objects.filter(application=application).exists()


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apply_retention", "--today", "15-03-2025")


def test_scheduled_task_applies_retention_today():
    from dekkend.referrals.tasks import apply_retention

    granted_tlv(granted_on=D(2015, 1, 5))
    assert apply_retention.call()["decisions_removed"] == 1
    assert not Application.objects.exists()
