"""The complaint pages: list with filters and the year's counts, a new complaint (the form warns
about health data and keeps what was typed on an error), the detail, handling with a
confirmation before closing; schools get 403, another SWV 404."""

import datetime

import pytest
from django.utils import timezone

from dekkend.audit.models import AuditEvent
from dekkend.complaints.models import Complaint

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


class ListPageTests:
    def test_open_complaints_by_default_and_filters(self, world, client):
        today = timezone.localdate()
        ComplaintFactory(swv=world["swv"], received_on=today, procedure=Complaint.Procedure.STEUNPUNT)
        closed = ComplaintFactory(swv=world["swv"], received_on=today, closed=True)
        ComplaintFactory(swv=world["other_swv"], received_on=today)
        page = signed_in(client, world["secretariat"]).get("/klachten/")
        assert page.status_code == 200
        assert len(page.context["page"]) == 1
        everything = client.get("/klachten/", {"status": ""})
        assert {c.pk for c in everything.context["page"]} >= {closed.pk}
        assert len(everything.context["page"]) == 2
        steunpunt = client.get("/klachten/", {"status": "", "procedure": "steunpunt"})
        assert len(steunpunt.context["page"]) == 1
        assert page.context["counts"]["total"] == 2 and page.context["counts"]["open"] == 1
        assert len(client.get("/klachten/", {"page": "1"}).context["page"]) == 1  # still open only
        assert AuditEvent.objects.filter(object_type="complaint", action="search").count() == 4

    @pytest.mark.parametrize("role", ["school_user", "board", "policy", "partner"])
    def test_other_roles_get_403(self, world, client, role):
        assert signed_in(client, world[role]).get("/klachten/").status_code == 403

    def test_the_menu_shows_complaints_to_the_office_only(self, world, client):
        assert "/klachten/" in signed_in(client, world["secretariat"]).get("/").content.decode()
        client.logout()
        assert "/klachten/" not in signed_in(client, world["school_user"]).get("/").content.decode()


class NewComplaintPageTests:
    def test_the_form_warns_about_health_data(self, world, client):
        page = signed_in(client, world["secretariat"]).get("/klachten/nieuw/")
        assert page.status_code == 200
        assert "gezondheid" in page.content.decode().lower()

    def test_register_and_see_the_detail(self, world, client):
        response = signed_in(client, world["secretariat"]).post(
            "/klachten/nieuw/",
            {
                "swv": world["swv"].pk,
                "received_on": timezone.localdate().isoformat(),
                "complainant": "parents",
                "procedure": "placement",
                "school": world["school"].pk,
                "summary": "De overstap verliep rommelig.",
                "handler": world["manager"].pk,
            },
        )
        assert response.status_code == 302
        complaint = Complaint.objects.get()
        detail = client.get(response["Location"])
        assert detail.status_code == 200 and "De overstap verliep rommelig." in detail.content.decode()
        assert complaint.handler == world["manager"]

    def test_bad_input_keeps_what_was_typed(self, world, client):
        future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
        response = signed_in(client, world["secretariat"]).post(
            "/klachten/nieuw/",
            {
                "swv": world["swv"].pk,
                "received_on": future,
                "complainant": "parents",
                "procedure": "placement",
                "summary": "Mijn getypte samenvatting",
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mijn getypte samenvatting" in html and "toekomst" in html
        assert not Complaint.objects.exists()

    def test_a_school_cannot_open_the_form(self, world, client):
        assert signed_in(client, world["school_user"]).get("/klachten/nieuw/").status_code == 403


class HandlePageTests:
    def test_closing_needs_the_confirmation(self, world, client):
        complaint = ComplaintFactory(swv=world["swv"], received_on=timezone.localdate() - datetime.timedelta(days=5))
        url = f"/klachten/{complaint.pk}/afhandelen/"
        data = {
            "handler": world["manager"].pk,
            "acknowledged_on": complaint.received_on.isoformat(),
            "outcome": "gegrond",
            "handled_on": timezone.localdate().isoformat(),
            "explanation": "Termijn overschreden, excuses gemaakt.",
        }
        refused = signed_in(client, world["manager"]).post(url, data)
        assert refused.status_code == 200 and "Termijn overschreden, excuses gemaakt." in refused.content.decode()
        complaint.refresh_from_db()
        assert complaint.status == Complaint.Status.RECEIVED

        done = client.post(url, {**data, "confirm": "on"})
        assert done.status_code == 302
        complaint.refresh_from_db()
        assert (complaint.status, complaint.outcome) == (Complaint.Status.CLOSED, "gegrond")
        detail = client.get(f"/klachten/{complaint.pk}/")
        assert "afhandelen/" not in detail.content.decode()

    def test_another_swv_gets_404(self, world, client):
        complaint = ComplaintFactory(swv=world["swv"])
        client = signed_in(client, world["other_secretariat"])
        assert client.get(f"/klachten/{complaint.pk}/").status_code == 404
        assert client.get(f"/klachten/{complaint.pk}/afhandelen/").status_code == 404


class QueryCountTests:
    def test_the_list_does_not_query_per_row(self, world, client):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        signed_in(client, world["secretariat"])

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/klachten/", {"status": ""}).status_code == 200
            return len(captured)

        ComplaintFactory(swv=world["swv"], application=world["application"], handler=world["manager"])
        queries()  # the first request also reads the user's roles, which later requests reuse
        few = queries()
        for _ in range(8):
            ComplaintFactory(
                swv=world["swv"], application=world["application"], school=world["school"], handler=world["manager"]
            )
        assert queries() == few
