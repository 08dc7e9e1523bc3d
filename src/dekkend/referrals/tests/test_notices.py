"""The "Meldingen" page: a user sees their own reminders (the notices the deadline task writes),
unread first, marks them read, and sees the unread count above the worklist and the dossier.
Nobody sees another user's notices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.referrals.models import Application, Notice
from dekkend.referrals.services import deadline_reminders_send

from .factories import ApplicationFactory


@pytest.fixture
def noticed(tlv):
    """Two unread notices and one read one for the school user; one for the secretariat."""
    application = ApplicationFactory(pupil=tlv["pupil"])
    user = tlv["school_user"]
    old = Notice.objects.create(user=user, application=application, message="Dossier oud: gelezen.")
    old.read_at = timezone.now()
    old.save(update_fields=["read_at"])
    first = Notice.objects.create(user=user, application=application, message="Dossier A: documenten over 5 dagen.")
    second = Notice.objects.create(user=user, application=application, message="Dossier B: documenten morgen.")
    other = Notice.objects.create(user=tlv["secretariat"], application=application, message="Alleen secretariaat.")
    return {**tlv, "application": application, "read": old, "first": first, "second": second, "other": other}


def page(client, user):
    client.force_login(user)
    return client.get(reverse("referrals:notice_list"))


class NoticePageTests:
    def test_own_notices_unread_first_and_never_another_users(self, noticed, client):
        response = page(client, noticed["school_user"])
        text = response.content.decode()
        assert response.status_code == 200
        assert "Alleen secretariaat." not in text
        assert text.index("Dossier B: documenten morgen.") < text.index("Dossier oud: gelezen.")
        assert text.index("Dossier A: documenten over 5 dagen.") < text.index("Dossier oud: gelezen.")
        assert "2 ongelezen meldingen." in text

    def test_mark_one_read(self, noticed, client):
        client.force_login(noticed["school_user"])
        response = client.post(reverse("referrals:notice_read", args=[noticed["first"].pk]))
        assert response.status_code == 302
        noticed["first"].refresh_from_db()
        noticed["second"].refresh_from_db()
        assert noticed["first"].read_at is not None and noticed["second"].read_at is None

    def test_another_users_notice_is_404_and_stays_unread(self, noticed, client):
        client.force_login(noticed["school_user"])
        response = client.post(reverse("referrals:notice_read", args=[noticed["other"].pk]))
        assert response.status_code == 404
        noticed["other"].refresh_from_db()
        assert noticed["other"].read_at is None

    def test_mark_all_read_touches_only_own(self, noticed, client):
        client.force_login(noticed["school_user"])
        client.post(reverse("referrals:notice_read_all"))
        assert not Notice.objects.filter(user=noticed["school_user"], read_at__isnull=True).exists()
        assert Notice.objects.get(pk=noticed["other"].pk).read_at is None
        assert "0 ongelezen meldingen." in page(client, noticed["school_user"]).content.decode()

    def test_mark_read_needs_a_post(self, noticed, client):
        client.force_login(noticed["school_user"])
        assert client.get(reverse("referrals:notice_read", args=[noticed["first"].pk])).status_code == 405

    def test_a_role_without_dossier_work_gets_403(self, noticed, client):
        assert page(client, user_with_role(Role.PARTNER, swv=noticed["swv"])).status_code == 403

    def test_empty_list_says_so(self, tlv, client):
        text = page(client, tlv["manager"]).content.decode()
        assert "Geen meldingen." in text and "0 ongelezen meldingen." in text


class NoticeCountTests:
    def test_worklist_and_dossier_show_the_unread_count(self, noticed, client):
        client.force_login(noticed["school_user"])
        worklist = client.get(reverse("referrals:application_list")).content.decode()
        dossier = client.get(reverse("referrals:application_detail", args=[noticed["application"].pk])).content
        assert "Meldingen: 2 ongelezen" in worklist
        assert "Meldingen: 2 ongelezen" in dossier.decode()
        assert reverse("referrals:notice_list") in worklist

    def test_no_unread_notices(self, tlv, client):
        client.force_login(tlv["manager"])
        assert "Meldingen: geen ongelezen" in client.get(reverse("referrals:application_list")).content.decode()


def test_a_reminder_from_the_task_appears_on_the_school_users_page(tlv, client):
    due = datetime.date(2025, 5, 21)
    application = ApplicationFactory(
        pupil=tlv["pupil"], status=Application.Status.INCOMPLETE, submitted_on=due, documents_due=due
    )
    deadline_reminders_send(today=due, context=AuditContext(purpose="test"))
    text = page(client, tlv["school_user"]).content.decode()
    assert f"Dossier {application.pk}" in text and "1 ongelezen melding." in text
    assert tlv["pupil"].last_name not in text  # a notice never names the pupil
