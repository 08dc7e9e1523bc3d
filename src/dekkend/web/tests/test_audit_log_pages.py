"""The privacy officer's audit log page and CSV export, both themselves audited."""

import csv
import io

import pytest
from django.urls import reverse

from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.pupils.services import emergency_access_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency(world):
    return emergency_access_grant(
        pupil_id=world.other_pupil.pk,
        reason='=HYPERLINK("x") spoedmelding leerplicht',
        context=AuditContext(user=world.users["school"], client_address="10.0.0.1"),
    )


class AuditLogPageTests:
    def test_privacy_officer_sees_events_and_the_read_is_audited(self, world, client_for, emergency):
        officer = world.users["privacy"]
        response = client_for(officer).get(reverse("web:audit_log"))
        assert response.status_code == 200
        assert any(e.is_emergency for e in response.context["page"])
        read = AuditEvent.objects.filter(user_id=officer.pk, object_type="audit_log").latest("id")
        assert (read.action, read.outcome) == ("search", "success")

    def test_filters_narrow_the_list(self, world, client_for, emergency):
        client = client_for(world.users["privacy"])
        only_emergency = client.get(reverse("web:audit_log"), {"emergency": "on"}).context["page"]
        assert only_emergency.paginator.count == 1
        by_pupil = client.get(reverse("web:audit_log"), {"pupil": world.other_pupil.pk}).context["page"]
        assert {e.pupil_id for e in by_pupil} == {world.other_pupil.pk}
        by_user = client.get(reverse("web:audit_log"), {"username": "niemand"}).context["page"]
        assert by_user.paginator.count == 0

    def test_dates_in_the_wrong_order_give_a_dutch_message(self, world, client_for):
        response = client_for(world.users["privacy"]).get(
            reverse("web:audit_log"), {"date_from": "2025-02-01", "date_to": "2025-01-01"}
        )
        assert "De einddatum ligt voor de begindatum." in response.content.decode()

    @pytest.mark.parametrize("role", ["school", "secretariat", "admin"])
    def test_other_roles_are_refused_and_the_attempt_is_logged(self, world, client_for, role):
        user = world.users[role]
        assert client_for(user).get(reverse("web:audit_log")).status_code == 403
        assert AuditEvent.objects.filter(user_id=user.pk, object_type="audit_log", outcome="denied").exists()


class AuditExportTests:
    def test_export_is_a_csv_with_a_header_and_is_audited(self, world, client_for, emergency):
        officer = world.users["privacy"]
        response = client_for(officer).get(reverse("web:audit_log_export"), {"emergency": "on"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0][:3] == ["event_id", "occurred_at", "action"]
        assert len(rows) == 2
        export = AuditEvent.objects.filter(user_id=officer.pk, object_type="audit_log").latest("id")
        assert (export.action, export.detail["criteria"]) == ("export", {"emergency_only": "True"})

    def test_formula_like_values_cannot_run_in_a_spreadsheet(self, world, client_for, emergency):
        response = client_for(world.users["privacy"]).get(reverse("web:audit_log_export"), {"emergency": "on"})
        content = b"".join(response.streaming_content).decode()
        assert "'=HYPERLINK" in content

    def test_school_user_cannot_export(self, world, client_for):
        user = world.users["school"]
        assert client_for(user).get(reverse("web:audit_log_export")).status_code == 403
        assert AuditEvent.objects.filter(
            user_id=user.pk, object_type="audit_log", action="export", outcome="denied"
        ).exists()
