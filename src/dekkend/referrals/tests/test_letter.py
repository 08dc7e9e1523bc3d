"""The decision letter (granted, refusal intended, refused) to school and parents: what it says,
that it holds no health data, and who may read it (every read audited)."""

import datetime

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.core.tests.pdf import pdf_text
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.referrals import letters, services

from .conftest import ctx

HEALTH_NOTE = "Diagnose ADHD en angststoornis (synthetisch)"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def granted(dossier):
    """A TLV so, category 2, langdurig, granted on 1 April 2025 with health data in the motivation."""
    dossier.submit().complete().assign().advise(0).advise(1)
    services.decision_record(
        application_id=dossier.pk,
        outcome="granted",
        motivation=HEALTH_NOTE,
        date=datetime.date(2025, 4, 1),
        context=ctx(dossier.world["manager"]),
    )
    return dossier.refresh()


def flat(text: str) -> str:
    return " ".join(text.split())


class LetterContentTests:
    def test_granted_letter_names_pupil_school_terms_and_the_objection_date(self, dossier):
        application = granted(dossier)
        text = flat(pdf_text(letters.letter_pdf(application)))
        pupil = application.pupil
        assert pupil.full_name in text
        assert application.school.name in text
        assert "krijgt een TLV" in text
        assert "1 april 2025" in text  # the letter's date and the start of the TLV
        assert "31 juli 2028" in text  # langdurig from 1 April 2025: four school years
        assert "Bekostigingscategorie 2 (midden)" in text
        assert "13 mei 2025" in text  # bezwaar: 6 weeks after 1 April
        assert "Algemene wet bestuursrecht" in text
        assert f"TLV-{application.pk}" in text

    def test_letter_holds_no_motivation_or_other_health_data(self, dossier):
        application = granted(dossier)
        assert HEALTH_NOTE not in flat(pdf_text(letters.letter_pdf(application)))
        assert "Synthetische motivering." not in flat(pdf_text(letters.letter_pdf(application)))

    def test_intended_refusal_invites_to_a_conversation_and_has_no_objection_yet(self, dossier):
        dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
        dossier.decide("refusal_intended")
        text = flat(pdf_text(letters.letter_pdf(dossier.refresh())))
        assert "nog geen definitief besluit" in text
        assert "afspraak" in text
        assert "bezwaar" not in text.lower()

    def test_final_refusal_states_the_decision_and_the_objection_term(self, dossier):
        dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
        dossier.decide("refusal_intended")
        dossier.hear(on=datetime.date(2025, 4, 10)).decide("refused", on=datetime.date(2025, 4, 15))
        text = flat(pdf_text(letters.letter_pdf(dossier.refresh())))
        assert "krijgt geen TLV" in text
        assert "15 april 2025" in text
        assert "27 mei 2025" in text  # 6 weeks after 15 April

    def test_no_letter_before_a_decision(self, dossier):
        dossier.submit()
        assert not letters.letter_available(dossier.refresh())
        with pytest.raises(ValueError):
            letters.letter_context(dossier.application)

    def test_objection_deadline_is_six_weeks_after_the_letter(self):
        assert letters.objection_deadline(datetime.date(2025, 12, 31)) == datetime.date(2026, 2, 11)


class LetterPageTests:
    def test_pdf_for_the_school_is_a_pdf_and_audited(self, dossier, client):
        application = granted(dossier)
        user = dossier.world["school_user"]
        client.force_login(user)
        response = client.get(reverse("referrals:letter_pdf", args=[application.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert application.pupil.last_name not in response["Content-Disposition"]
        assert "krijgt een TLV" in flat(pdf_text(response.content))
        event = AuditEvent.objects.filter(user_id=user.pk, object_type="application").latest("id")
        assert event.outcome == "success" and event.pupil_id == application.pupil_id

    def test_preview_is_dutch_html_with_a_link_to_the_pdf(self, dossier, client):
        application = granted(dossier)
        client.force_login(dossier.world["manager"])
        response = client.get(reverse("referrals:letter_preview", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Wat is een TLV?" in page and reverse("referrals:letter_pdf", args=[application.pk]) in page

    def test_letter_is_404_before_the_decision(self, dossier, client):
        dossier.submit()
        client.force_login(dossier.world["manager"])
        assert client.get(reverse("referrals:letter_pdf", args=[dossier.pk])).status_code == 404
        assert client.get(reverse("referrals:letter_preview", args=[dossier.pk])).status_code == 404

    @pytest.mark.parametrize(("who", "expected"), [("other_school", 404), ("other_swv", 404), ("partner", 403)])
    def test_denied_roles_get_403_or_404_and_are_audited(self, dossier, client, who, expected):
        application = granted(dossier)
        swv = dossier.world["swv"]
        user = {
            "other_school": lambda: user_with_role(Role.SCHOOL, school=SchoolFactory(swv=swv)),
            "other_swv": lambda: user_with_role(Role.MANAGER, swv=SwvFactory(code="elders")),
            "partner": lambda: user_with_role(Role.PARTNER, swv=swv),
        }[who]()
        client.force_login(user)
        for name in ("letter_pdf", "letter_preview"):
            response = client.get(reverse(f"referrals:{name}", args=[application.pk]))
            assert response.status_code == expected
        denied = AuditEvent.objects.filter(user_id=user.pk, object_type="application", outcome="denied")
        assert denied.count() == 2
