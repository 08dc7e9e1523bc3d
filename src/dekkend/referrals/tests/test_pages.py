"""The toeleiding pages: the worklist per role, a new application, documents and the checklist,
each workflow step through its form (with the confirmation before submit and decision), Dutch
errors that keep the input, and the denied cases (wrong role: 403, out of scope: 404, audited)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import BoardFactory, SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.models import Application, ApplicationDocument, Discipline

from .factories import ApplicationFactory, expert, pdf_upload

Status = Application.Status


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def url(name, application=None):
    return reverse(f"referrals:{name}", args=[application.pk] if application is not None else [])


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def text(response) -> str:
    return response.content.decode()


class WorklistPageTests:
    def test_secretariat_sees_the_most_urgent_first_and_overdue_in_words(self, tlv, client_for):
        today = timezone.localdate()
        late = ApplicationFactory(
            pupil=PupilFactory(school=tlv["school"]),
            status=Status.COMPLETE,
            decision_due=today - datetime.timedelta(days=3),
        )
        soon = ApplicationFactory(
            pupil=PupilFactory(school=tlv["school"]),
            status=Status.INCOMPLETE,
            documents_due=today + datetime.timedelta(days=2),
        )
        later = ApplicationFactory(
            pupil=PupilFactory(school=tlv["school"]),
            status=Status.IN_ASSESSMENT,
            decision_due=today + datetime.timedelta(days=20),
        )
        before = last_audit_id()

        response = client_for(tlv["secretariat"]).get(url("application_list"))

        assert response.status_code == 200
        rows = response.context["rows"]
        assert [row["item"].application.pk for row in rows] == [late.pk, soon.pk, later.pk]
        page = text(response)
        assert "3 dagen te laat" in page  # overdue said in words, not by colour alone
        event = AuditEvent.objects.filter(id__gt=before, object_type="application", action="search").get()
        assert set(event.detail["application_ids"]) == {late.pk, soon.pk, later.pk}

    def test_school_sees_its_own_drafts_and_not_the_neighbours(self, tlv, client_for):
        own = ApplicationFactory(pupil=tlv["pupil"])
        neighbour = ApplicationFactory(pupil=PupilFactory(school=SchoolFactory(swv=tlv["swv"])))
        response = client_for(tlv["school_user"]).get(url("application_list"))
        shown = {row["item"].application.pk for row in response.context["rows"]}
        assert own.pk in shown and neighbour.pk not in shown
        assert "Nieuwe aanvraag" in text(response)

    def test_expert_sees_only_assigned_dossiers(self, dossier, tlv, client_for):
        dossier.submit().complete().assign()
        unassigned = ApplicationFactory(pupil=PupilFactory(school=tlv["school"]), status=Status.SUBMITTED)
        response = client_for(tlv["experts"][0].user).get(url("application_list"))
        shown = {row["item"].application.pk for row in response.context["rows"]}
        assert shown == {dossier.pk}
        assert unassigned.pk not in shown
        assert "Nieuwe aanvraag" not in text(response)

    def test_decided_dossiers_are_listed_apart(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0).advise(1).decide()
        response = client_for(tlv["secretariat"]).get(url("application_list"), {"afgerond": "1"})
        assert [a.pk for a in response.context["page"]] == [dossier.pk]

    def test_partner_is_refused_and_the_attempt_audited(self, tlv, client_for):
        user = user_with_role(Role.PARTNER, swv=tlv["swv"])
        response = client_for(user).get(url("application_list"))
        assert response.status_code == 403
        assert AuditEvent.objects.filter(user_id=user.pk, object_type="application", outcome="denied").exists()

    def test_menu_shows_toeleiding_to_roles_that_see_dossiers_only(self, tlv, client_for):
        assert "Toeleiding" in text(client_for(tlv["school_user"]).get(reverse("web:home")))
        policy = user_with_role(Role.POLICY, swv=tlv["swv"])
        assert "Toeleiding" not in text(client_for(policy).get(reverse("web:home")))


class NewApplicationTests:
    def test_only_the_schools_own_pupils_are_offered_and_the_list_is_audited(self, tlv, client_for):
        other = PupilFactory(school=SchoolFactory(swv=tlv["swv"]))
        before = last_audit_id()
        response = client_for(tlv["school_user"]).get(url("application_new"))
        offered = {value for value, _label in response.context["form"].fields["pupil"].choices if value}
        assert offered == {str(tlv["pupil"].pk)}
        assert str(other.pk) not in offered
        event = AuditEvent.objects.filter(id__gt=before, object_type="pupil", action="search").get()
        assert event.detail["pupil_ids"] == [tlv["pupil"].pk]

    def test_pupil_of_16_is_marked_as_needing_the_own_view(self, tlv, client_for):
        today = timezone.localdate()
        sixteen = PupilFactory(school=tlv["school"], birth_date=today.replace(year=today.year - 16))
        response = client_for(tlv["school_user"]).get(url("application_new"))
        labels = dict(response.context["form"].fields["pupil"].choices)
        assert "16 of ouder" in labels[str(sixteen.pk)]
        assert "16 of ouder" not in labels[str(tlv["pupil"].pk)]  # 10 years old

    def test_draft_is_created_and_opens_the_dossier(self, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("application_new"),
            {
                "type": "tlv",
                "pupil": tlv["pupil"].pk,
                "requested_provision_type": "sbo",
                "parent_consent": "on",
                "parent_view": "Wij willen een kleinere groep.",
            },
        )
        application = Application.objects.get(pupil=tlv["pupil"])
        assert response.status_code == 302 and response.url == url("application_detail", application)
        assert application.status == Status.DRAFT and application.parent_view == "Wij willen een kleinere groep."

    def test_tlv_without_the_requested_type_keeps_the_typed_text(self, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("application_new"),
            {"type": "tlv", "pupil": tlv["pupil"].pk, "parent_view": "Onze mening blijft staan."},
        )
        assert response.status_code == 400
        page = text(response)
        assert "Kies bij een TLV-aanvraag de onderwijssoort" in page
        assert "Onze mening blijft staan." in page
        assert 'aria-invalid="true"' in page and 'aria-describedby="id_requested_provision_type_error"' in page
        assert not Application.objects.exists()

    def test_secretariat_cannot_open_the_form(self, tlv, client_for):
        assert client_for(tlv["secretariat"]).get(url("application_new")).status_code == 403


class DossierPageTests:
    def test_checklist_says_exactly_what_is_missing_or_too_old(self, tlv, client_for):
        application = ApplicationFactory(pupil=tlv["pupil"])
        today = timezone.localdate()
        ApplicationDocument.objects.create(
            application=application,
            kind="opp",
            document_date=today - datetime.timedelta(days=400),
            file=pdf_upload(),
            content_type="application/pdf",
            size=10,
        )
        page = text(client_for(tlv["school_user"]).get(url("application_detail", application)))
        assert "Het OPP is ouder dan 1 jaar" in page
        assert "De gegevens uit het leerlingvolgsysteem (LVS) ontbreken." in page

    def test_read_is_audited_with_the_pupil(self, dossier, tlv, client_for):
        before = last_audit_id()
        response = client_for(tlv["secretariat"]).get(url("application_detail", dossier.application))
        assert response.status_code == 200
        event = AuditEvent.objects.filter(id__gt=before, object_type="application").get()
        assert event.outcome == "success" and event.pupil_id == tlv["pupil"].pk

    @pytest.mark.parametrize(("who", "expected"), [("other_school", 404), ("other_swv", 404), ("policy", 403)])
    def test_out_of_scope_or_wrong_role_is_refused_and_audited(self, dossier, tlv, client_for, who, expected):
        users = {
            "other_school": lambda: user_with_role(Role.SCHOOL, school=SchoolFactory(swv=tlv["swv"])),
            "other_swv": lambda: user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders")),
            "policy": lambda: user_with_role(Role.POLICY, swv=tlv["swv"]),
        }
        user = users[who]()
        response = client_for(user).get(url("application_detail", dossier.application))
        assert response.status_code == expected
        assert tlv["pupil"].last_name not in text(response)
        assert AuditEvent.objects.filter(user_id=user.pk, object_type="application", outcome="denied").exists()

    def test_school_sees_only_its_own_forms(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).get(url("application_detail", dossier.application))
        assert set(response.context["forms"]) == {"documents", "areas"}  # a draft: areas correctable
        assert response.context["steps"]["submit"]

    def test_timeline_lists_each_step(self, dossier, tlv, client_for):
        dossier.submit().complete()
        page = text(client_for(tlv["secretariat"]).get(url("application_detail", dossier.application)))
        for label in ("Aanvraag gestart", "Ingediend door de school", "Compleet: de beslistermijn begint"):
            assert label in page


class DocumentUploadTests:
    def test_pdf_is_added(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("document_add", dossier.application),
            {"file": pdf_upload("verslag.pdf"), "kind": "hulpverleningsverslag", "document_date": "2025-02-01"},
        )
        assert response.status_code == 302
        assert dossier.application.documents.filter(kind="hulpverleningsverslag").exists()

    def test_not_a_pdf_is_refused_in_dutch_and_the_fields_are_kept(self, dossier, tlv, client_for):
        count = dossier.application.documents.count()
        response = client_for(tlv["school_user"]).post(
            url("document_add", dossier.application),
            {
                "file": pdf_upload("opp.pdf", b"MZ" + b"\x00" * 50),
                "kind": "psychologisch_onderzoek",
                "document_date": "2025-02-03",
            },
        )
        assert response.status_code == 400
        page = text(response)
        assert "geen PDF" in page
        form = response.context["forms"]["documents"]
        assert form["kind"].value() == "psychologisch_onderzoek" and form["document_date"].value() == "2025-02-03"
        assert dossier.application.documents.count() == count

    def test_missing_date_is_a_dutch_field_error(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("document_add", dossier.application), {"file": pdf_upload(), "kind": "lvs"}
        )
        assert response.status_code == 400
        assert "Vul de datum van het document in." in text(response)


class SubmitPageTests:
    def test_confirmation_page_shows_the_checklist_and_changes_nothing(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).get(url("application_submit", dossier.application))
        assert response.status_code == 200
        assert "kunt u de aanvraag niet meer wijzigen" in text(response)
        assert dossier.refresh().status == Status.DRAFT

    def test_without_the_confirmation_nothing_is_submitted(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).post(url("application_submit", dossier.application), {})
        assert response.status_code == 400
        assert dossier.refresh().status == Status.DRAFT

    def test_confirmed_submission(self, dossier, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("application_submit", dossier.application), {"confirm": "on", "date": "2025-03-10"}
        )
        assert response.status_code == 302
        application = dossier.refresh()
        assert application.status == Status.SUBMITTED and application.submitted_on == datetime.date(2025, 3, 10)

    def test_without_parents_consent_the_service_error_shows_in_dutch(self, dossier, tlv, client_for):
        Application.objects.filter(pk=dossier.pk).update(parent_consent=False)
        response = client_for(tlv["school_user"]).post(
            url("application_submit", dossier.application), {"confirm": "on"}
        )
        assert response.status_code == 400
        assert "toestemming van de ouders" in text(response)
        assert dossier.refresh().status == Status.DRAFT


class StepFormTests:
    def test_incomplete_gives_the_school_four_weeks(self, dossier, tlv, client_for):
        dossier.submit()
        response = client_for(tlv["secretariat"]).post(
            url("completeness_record", dossier.application), {"complete": "0", "date": "2025-03-12"}
        )
        assert response.status_code == 302
        assert dossier.refresh().documents_due == datetime.date(2025, 4, 9)

    def test_complete_refused_while_documents_are_missing_keeps_the_choice(self, dossier, tlv, client_for):
        dossier.application.documents.filter(kind="lvs").delete()
        dossier.submit()
        response = client_for(tlv["secretariat"]).post(
            url("completeness_record", dossier.application), {"complete": "1", "date": "2025-03-12"}
        )
        assert response.status_code == 400
        assert "leerlingvolgsysteem" in text(response)
        assert response.context["forms"]["completeness"]["complete"].value() == "1"
        assert dossier.refresh().status == Status.SUBMITTED

    def test_only_eligible_experts_are_offered(self, dossier, tlv, client_for):
        board = BoardFactory()
        SchoolFactory(swv=tlv["swv"], board=board)
        employed = expert(tlv["swv"], Discipline.PSYCHOLOOG, board=board)
        elsewhere = expert(SwvFactory(code="elders"), Discipline.ORTHOPEDAGOOG)
        dossier.submit().complete()
        form = (
            client_for(tlv["secretariat"])
            .get(url("application_detail", dossier.application))
            .context["forms"]["experts"]
        )
        first = {int(v) for v, _label in form.fields["first"].choices if v}
        second = {int(v) for v, _label in form.fields["second"].choices if v}
        ortho, psychiatrist, psychologist = (e.user_id for e in tlv["experts"])
        assert first == {ortho, psychologist}  # not the kinderpsychiater
        assert second == {ortho, psychiatrist, psychologist}
        assert employed.user_id not in second and elsewhere.user_id not in second

    def test_assign_two_experts(self, dossier, tlv, client_for):
        dossier.submit().complete()
        first, second = tlv["experts"][0].user_id, tlv["experts"][1].user_id
        response = client_for(tlv["secretariat"]).post(
            url("experts_assign", dossier.application), {"first": first, "second": second, "date": "2025-03-17"}
        )
        assert response.status_code == 302
        assert dossier.refresh().status == Status.IN_ASSESSMENT

    def test_advice_form_only_for_the_assigned_expert(self, dossier, tlv, client_for):
        dossier.submit().complete().assign()
        first = client_for(tlv["experts"][0].user).get(url("application_detail", dossier.application))
        assert "advice" in first.context["forms"] and "triage" in first.context["forms"]["advice"].fields
        second = client_for(tlv["experts"][1].user).get(url("application_detail", dossier.application))
        assert "triage" not in second.context["forms"]["advice"].fields
        staff = client_for(tlv["secretariat"]).get(url("application_detail", dossier.application))
        assert "advice" not in staff.context["forms"]

    def test_advice_without_the_category_keeps_the_motivation(self, dossier, tlv, client_for):
        dossier.submit().complete().assign()
        response = client_for(tlv["experts"][0].user).post(
            url("advice_record", dossier.application),
            {
                "recommendation": "grant",
                "provision_type": "so",
                "duration": "langdurig",
                "triage": "hamerstuk",
                "motivation": "Mijn zorgvuldige motivering.",
                "date": "2025-03-24",
            },
        )
        assert response.status_code == 400
        assert "bekostigingscategorie" in text(response)
        assert response.context["forms"]["advice"]["motivation"].value() == "Mijn zorgvuldige motivering."

    def test_secretariat_cannot_advise(self, dossier, tlv, client_for):
        dossier.submit().complete().assign()
        before = last_audit_id()
        response = client_for(tlv["secretariat"]).post(
            url("advice_record", dossier.application), {"recommendation": "refuse", "motivation": "x"}
        )
        assert response.status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied").exists()

    def test_extension_once(self, dossier, tlv, client_for):
        dossier.submit().complete()
        client = client_for(tlv["manager"])
        data = {"weeks": "4", "reason": "Wachten op het verslag.", "date": "2025-04-20"}
        assert client.post(url("decision_extend", dossier.application), data).status_code == 302
        assert dossier.refresh().decision_extended_to == datetime.date(2025, 5, 26)
        response = client.post(url("decision_extend", dossier.application), data)
        assert response.status_code == 400
        assert "al een keer verlengd" in text(response)

    def test_five_weeks_is_not_offered(self, dossier, tlv, client_for):
        dossier.submit().complete()
        response = client_for(tlv["manager"]).post(
            url("decision_extend", dossier.application), {"weeks": "5", "reason": "Te druk.", "date": "2025-04-20"}
        )
        assert response.status_code == 400
        assert dossier.refresh().decision_extended_to is None


class DecisionPageTests:
    def test_decision_first_asks_for_confirmation_and_changes_nothing(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0).advise(1)
        data = {"outcome": "granted", "motivation": "Beide deskundigen adviseren so.", "date": "2025-04-01"}
        response = client_for(tlv["manager"]).post(url("decision_record", dossier.application), data)
        assert response.status_code == 200
        assert "Bevestig het besluit" in text(response)
        assert dossier.refresh().status == Status.IN_ASSESSMENT

    def test_confirmed_decision_is_recorded_and_links_the_letter(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0).advise(1)
        client = client_for(tlv["manager"])
        data = {"outcome": "granted", "motivation": "Beide deskundigen adviseren so.", "date": "2025-04-01"}
        response = client.post(url("decision_record", dossier.application), {**data, "confirmed": "1"})
        assert response.status_code == 302
        assert dossier.refresh().status == Status.GRANTED
        page = text(client.get(url("application_detail", dossier.application)))
        assert url("letter_pdf", dossier.application) in page

    def test_change_goes_back_with_the_typed_motivation(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0).advise(1)
        data = {"outcome": "refusal_intended", "motivation": "Nog twijfel.", "date": "2025-04-01", "edit": "1"}
        response = client_for(tlv["manager"]).post(url("decision_record", dossier.application), data)
        assert response.context["forms"]["decision"]["motivation"].value() == "Nog twijfel."
        assert dossier.refresh().status == Status.IN_ASSESSMENT

    def test_decision_without_two_advices_shows_the_service_error(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0)
        data = {"outcome": "granted", "motivation": "Snel besluiten.", "date": "2025-04-01", "confirmed": "1"}
        response = client_for(tlv["manager"]).post(url("decision_record", dossier.application), data)
        assert response.status_code == 400
        assert "twee onafhankelijke deskundigen" in text(response)
        assert dossier.refresh().status == Status.IN_ASSESSMENT

    def test_final_refusal_waits_for_the_recorded_conversation(self, dossier, tlv, client_for):
        dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
        dossier.decide("refusal_intended")
        forms = client_for(tlv["manager"]).get(url("application_detail", dossier.application)).context["forms"]
        assert "decision" not in forms and "hearing_report" in forms
        data = {"outcome": "refused", "motivation": "Na het gesprek.", "date": "2025-04-10", "confirmed": "1"}
        response = client_for(tlv["manager"]).post(url("decision_record", dossier.application), data)
        assert response.status_code == 400
        assert "gesprek" in text(response)
        assert dossier.refresh().status == Status.REFUSAL_INTENDED
        report = {
            "held": "1",
            "attendees": "Ouders en IB'er.",
            "outcome": "Zienswijze toegelicht.",
            "date": "2025-04-08",
        }
        response = client_for(tlv["secretariat"]).post(url("hearing_record", dossier.application), report)
        assert response.status_code == 302
        form = (
            client_for(tlv["manager"]).get(url("application_detail", dossier.application)).context["forms"]["decision"]
        )
        assert {value for value, _label in form.fields["outcome"].choices} == {"refused", "granted"}
        response = client_for(tlv["manager"]).post(url("decision_record", dossier.application), data)
        assert response.status_code == 302 and dossier.refresh().status == Status.REFUSED

    @pytest.mark.parametrize("role", ["school_user", "secretariat"])
    def test_roles_that_do_not_decide_are_refused_and_audited(self, dossier, tlv, client_for, role):
        dossier.submit().complete().assign().advise(0).advise(1)
        assert (
            "decision"
            not in client_for(tlv[role]).get(url("application_detail", dossier.application)).context["forms"]
        )
        before = last_audit_id()
        data = {"outcome": "granted", "motivation": "x", "confirmed": "1"}
        response = client_for(tlv[role]).post(url("decision_record", dossier.application), data)
        assert response.status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied").exists()
        assert dossier.refresh().status == Status.IN_ASSESSMENT


class BudgetPageTests:
    """Maatwerkbudget and onderwijsarrangement: the type's fields on the form, the coordinator's
    review, the decision with its confirmation, and the follow-up."""

    SPECIFICS = {
        "period_start": datetime.date(2025, 3, 1),
        "period_end": datetime.date(2025, 5, 31),
        "prevents_tlv": True,
        "general_funds_spent": True,
        "school_funding_explored": True,
        "school_support_since": datetime.date(2024, 9, 1),
    }

    def complete(self, tlv, type, **specifics):
        from dekkend.referrals import services

        from .conftest import ctx
        from .factories import DocumentFactory

        application = services.application_create(
            pupil_id=tlv["pupil"].pk,
            school_id=tlv["school"].pk,
            type=type,
            parent_consent=True,
            parent_view="Ouders steunen het budget (synthetisch).",
            date=datetime.date(2025, 2, 20),
            context=ctx(tlv["school_user"]),
            **specifics,
        )
        DocumentFactory(application=application, kind="opp", document_date=datetime.date(2025, 1, 15))
        DocumentFactory(application=application, kind="lvs", document_date=datetime.date(2025, 2, 1))
        on = datetime.date(2025, 3, 1)
        services.application_submit(application_id=application.pk, date=on, context=ctx(tlv["school_user"]))
        services.completeness_record(
            application_id=application.pk, complete=True, date=on, context=ctx(tlv["secretariat"])
        )
        return application

    def test_school_gives_the_maatwerkbudget_conditions_on_the_form(self, tlv, client_for):
        response = client_for(tlv["school_user"]).post(
            url("application_new"),
            {
                "type": "maatwerkbudget",
                "pupil": tlv["pupil"].pk,
                "parent_consent": "on",
                "period_start": "2025-03-01",
                "period_end": "2025-05-31",
                "school_support_since": "2024-09-01",
                "prevents_tlv": "on",
                "general_funds_spent": "on",
                "school_funding_explored": "on",
            },
        )
        assert response.status_code == 302
        application = Application.objects.get(pupil=tlv["pupil"])
        assert application.period_end == datetime.date(2025, 5, 31) and application.prevents_tlv
        assert not application.prevents_absence

    def test_budget_decision_is_confirmed_first_then_granted_with_its_own_letter(self, tlv, client_for):
        application = self.complete(tlv, "maatwerkbudget", **self.SPECIFICS)
        client = client_for(tlv["manager"])
        assert "budget_decision" in client.get(url("application_detail", application)).context["forms"]
        data = {"outcome": "granted", "motivation": "Voorkomt thuiszitten.", "date": "2025-03-05"}
        response = client.post(url("budget_decision_record", application), data)
        assert response.status_code == 200 and "Bevestig het besluit" in text(response)
        application.refresh_from_db()
        assert application.status == Status.COMPLETE
        response = client.post(url("budget_decision_record", application), {**data, "confirmed": "1"})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.GRANTED and application.valid_until == datetime.date(2025, 5, 31)
        letter = client.get(url("letter_pdf", application))  # the maatwerkbudget letter, not the TLV one
        assert (
            letter.status_code == 200
            and f"besluit-maatwerkbudget-{application.pk}.pdf" in letter["Content-Disposition"]
        )

    def test_budget_longer_than_three_months_is_refused_in_dutch_and_kept(self, tlv, client_for):
        application = self.complete(tlv, "maatwerkbudget", **self.SPECIFICS)
        data = {
            "outcome": "granted",
            "motivation": "Langer nodig.",
            "valid_until": "2025-06-30",
            "date": "2025-03-05",
            "confirmed": "1",
        }
        response = client_for(tlv["manager"]).post(url("budget_decision_record", application), data)
        assert response.status_code == 400
        assert response.context["forms"]["budget_decision"]["valid_until"].value() == "2025-06-30"
        application.refresh_from_db()
        assert application.status == Status.COMPLETE

    def test_arrangement_needs_the_coordinator_review_before_the_decision(self, tlv, client_for):
        specifics = {
            "period_start": datetime.date(2025, 3, 1),
            "period_end": datetime.date(2026, 7, 31),
            "school_support_since": datetime.date(2024, 9, 1),
        }
        application = self.complete(tlv, "onderwijsarrangement", **specifics)
        manager = client_for(tlv["manager"])
        data = {"outcome": "granted", "motivation": "Past goed.", "date": "2025-03-05", "confirmed": "1"}
        response = manager.post(url("budget_decision_record", application), data)
        assert response.status_code == 400 and "coördinator" in text(response)
        secretariat = client_for(tlv["secretariat"])
        assert "coordinator_review" in secretariat.get(url("application_detail", application)).context["forms"]
        response = secretariat.post(
            url("coordinator_review_record", application),
            {"suitable": "1", "note": "Het arrangement past.", "date": "2025-03-04"},
        )
        assert response.status_code == 302
        response = client_for(tlv["manager"]).post(url("budget_decision_record", application), data)
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.GRANTED and application.follow_up_on == datetime.date(2026, 4, 30)

    def test_follow_up_renews_an_arrangement(self, tlv, client_for):
        specifics = {
            "period_start": datetime.date(2025, 3, 1),
            "period_end": datetime.date(2026, 7, 31),
            "school_support_since": datetime.date(2024, 9, 1),
        }
        application = self.complete(tlv, "onderwijsarrangement", **specifics)
        client_for(tlv["secretariat"]).post(
            url("coordinator_review_record", application), {"suitable": "1", "note": "Past.", "date": "2025-03-04"}
        )
        client = client_for(tlv["manager"])
        client.post(
            url("budget_decision_record", application),
            {"outcome": "granted", "motivation": "Past goed.", "date": "2025-03-05", "confirmed": "1"},
        )
        assert "renew" in client.get(url("application_detail", application)).context["forms"]["follow_up"].fields
        response = client.post(url("follow_up_record", application), {"renew": "on", "date": "2025-03-06"})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.valid_until == datetime.date(2027, 7, 31)

    def test_school_sees_no_budget_forms(self, tlv, client_for):
        application = self.complete(tlv, "maatwerkbudget", **self.SPECIFICS)
        forms = client_for(tlv["school_user"]).get(url("application_detail", application)).context["forms"]
        assert not {"budget_decision", "coordinator_review", "follow_up"} & set(forms)
