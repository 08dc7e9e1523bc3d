"""The steps of an admission through the services: registration, extension, decision,
temporary placement, placement (recorded on the pupil) and the warme overdracht."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from dekkend.admissions import services
from dekkend.admissions.models import Admission, TimelineEvent
from dekkend.audit.models import AuditEvent
from dekkend.pupils.models import Placement

from .conftest import REGISTERED, ctx, granted_tlv

D = datetime.date


def register(world, school="regular", on=REGISTERED, **extra):
    pupil = world["pupil"]
    return services.admission_register(
        school_id=world[school].pk,
        pupil_number=pupil.pupil_number,
        birth_date=pupil.birth_date,
        date=on,
        context=ctx(world[f"{school}_user"]),
        **extra,
    )


class RegistrationTests:
    def test_the_school_registers_a_pupil_by_number_and_date_of_birth(self, world):
        admission = register(world)
        assert admission.status == Admission.Status.REGISTERED
        assert admission.decision_due == D(2025, 4, 14)
        assert admission.from_school == world["current"]
        assert TimelineEvent.objects.filter(admission=admission, what="registered").exists()
        assert AuditEvent.objects.filter(object_type="admission", pupil_id=world["pupil"].pk, action="create").exists()

    def test_a_wrong_date_of_birth_finds_no_pupil_and_is_audited(self, world):
        pupil = world["pupil"]
        with pytest.raises(ValidationError) as error:
            services.admission_register(
                school_id=world["regular"].pk,
                pupil_number=pupil.pupil_number,
                birth_date=pupil.birth_date + datetime.timedelta(days=1),
                date=REGISTERED,
                context=ctx(world["regular_user"]),
            )
        assert "pupil" in error.value.message_dict
        assert not Admission.objects.exists()
        assert AuditEvent.objects.filter(object_type="admission", outcome="denied").exists()

    def test_a_school_registers_only_at_its_own_school(self, world):
        with pytest.raises(ValidationError):
            services.admission_register(
                school_id=world["special"].pk,
                pupil_number=world["pupil"].pupil_number,
                birth_date=world["pupil"].birth_date,
                context=ctx(world["regular_user"]),
            )

    def test_swv_staff_do_not_register(self, world):
        with pytest.raises(PermissionDenied):
            services.admission_register(school_id=world["regular"].pk, context=ctx(world["secretariat"]))

    def test_a_second_open_registration_at_the_same_school_is_refused(self, world):
        register(world)
        with pytest.raises(ValidationError):
            register(world)

    def test_the_latest_granted_tlv_is_linked(self, world):
        tlv = granted_tlv(world["pupil"])
        assert register(world, school="special").application == tlv

    def test_a_registration_date_in_the_future_is_refused(self, world):
        with pytest.raises(ValidationError):
            register(world, on=timezone.localdate() + datetime.timedelta(days=1))


class ExtensionTests:
    def test_extended_once_by_four_weeks_with_the_parents_told(self, world):
        admission = register(world)
        services.admission_extend(
            admission_id=admission.pk,
            reason="Onderzoek loopt nog.",
            parents_notified_on=D(2025, 4, 10),
            date=D(2025, 4, 14),
            context=ctx(world["regular_user"]),
        )
        admission.refresh_from_db()
        assert admission.extended_to == D(2025, 5, 12)
        with pytest.raises(ValidationError):
            services.admission_extend(
                admission_id=admission.pk,
                reason="Nog eens.",
                parents_notified_on=D(2025, 4, 10),
                date=D(2025, 4, 14),
                context=ctx(world["regular_user"]),
            )

    def test_an_extension_after_the_six_weeks_changes_nothing(self, world):
        admission = register(world)
        with pytest.raises(ValidationError) as error:
            services.admission_extend(
                admission_id=admission.pk,
                reason="Te laat.",
                parents_notified_on=D(2025, 4, 10),
                date=D(2025, 4, 15),
                context=ctx(world["regular_user"]),
            )
        assert "date" in error.value.message_dict
        admission.refresh_from_db()
        assert admission.extended_to is None

    def test_another_school_cannot_touch_the_admission(self, world):
        admission = register(world)
        with pytest.raises(Http404):
            services.admission_extend(
                admission_id=admission.pk,
                reason="x",
                parents_notified_on=D(2025, 4, 10),
                date=D(2025, 4, 1),
                context=ctx(world["special_user"]),
            )
        assert AuditEvent.objects.filter(object_type="admission", outcome="denied").exists()


class DecisionTests:
    def test_refused_with_a_fitting_place_elsewhere(self, world):
        admission = register(world)
        services.admission_decide(
            admission_id=admission.pk,
            outcome="refused",
            motivation="Geen passend aanbod voor deze ondersteuningsbehoefte.",
            offer_school_id=world["special"].pk,
            date=D(2025, 4, 10),
            context=ctx(world["regular_user"]),
        )
        admission.refresh_from_db()
        assert admission.status == Admission.Status.REFUSED
        assert admission.offer_school == world["special"]

    def test_a_refusal_without_an_offer_is_refused(self, world):
        admission = register(world)
        with pytest.raises(ValidationError) as error:
            services.admission_decide(
                admission_id=admission.pk,
                outcome="refused",
                motivation="Geen plek.",
                date=D(2025, 4, 10),
                context=ctx(world["regular_user"]),
            )
        assert "offer_school" in error.value.message_dict
        admission.refresh_from_db()
        assert admission.status == Admission.Status.REGISTERED

    @pytest.mark.parametrize(("on", "late"), [(D(2025, 4, 14), False), (D(2025, 4, 15), True)])
    def test_a_decision_after_six_weeks_is_recorded_and_flagged_late(self, world, on, late):
        admission = register(world)
        services.admission_decide(
            admission_id=admission.pk, outcome="placed", date=on, context=ctx(world["regular_user"])
        )
        event = TimelineEvent.objects.get(admission=admission, what="decided_placed")
        assert event.detail["late"] is late

    def test_a_special_school_cannot_place_without_a_granted_tlv(self, world):
        admission = register(world, school="special")
        with pytest.raises(ValidationError) as error:
            services.admission_decide(
                admission_id=admission.pk, outcome="placed", date=D(2025, 4, 1), context=ctx(world["special_user"])
            )
        assert "TLV" in str(error.value)

    def test_a_decided_admission_cannot_be_decided_again(self, world):
        admission = register(world)
        services.admission_decide(
            admission_id=admission.pk, outcome="placed", date=D(2025, 4, 1), context=ctx(world["regular_user"])
        )
        with pytest.raises(ValidationError):
            services.admission_decide(
                admission_id=admission.pk, outcome="placed", date=D(2025, 4, 2), context=ctx(world["regular_user"])
            )


class PlacementTests:
    def admitted(self, world, school="special"):
        if school == "special":
            granted_tlv(world["pupil"])
        admission = register(world, school=school)
        services.admission_decide(
            admission_id=admission.pk, outcome="placed", date=D(2025, 4, 1), context=ctx(world[f"{school}_user"])
        )
        return admission

    def test_the_placement_changes_the_pupils_location_and_history(self, world):
        admission = self.admitted(world)
        services.admission_place(
            admission_id=admission.pk, placement_date=D(2025, 4, 22), context=ctx(world["special_user"])
        )
        pupil = world["pupil"]
        pupil.refresh_from_db()
        assert pupil.school == world["special"]
        placements = list(pupil.placements.order_by("start_date"))
        assert placements[0].end_date == D(2025, 4, 22)  # ends where the next one starts
        assert placements[1].start_date == D(2025, 4, 22)
        assert placements[1].reason == Placement.Reason.TLV
        admission.refresh_from_db()
        assert admission.status == Admission.Status.PLACED

    def test_a_placement_before_the_decision_is_refused(self, world):
        admission = self.admitted(world)
        with pytest.raises(ValidationError) as error:
            services.admission_place(
                admission_id=admission.pk, placement_date=D(2025, 3, 31), context=ctx(world["special_user"])
            )
        assert "placement_date" in error.value.message_dict
        assert world["pupil"].placements.count() == 1

    def test_a_placement_after_the_tlv_ended_is_refused(self, world):
        admission = self.admitted(world)
        with pytest.raises(ValidationError):
            services.admission_place(
                admission_id=admission.pk, placement_date=D(2027, 8, 1), context=ctx(world["special_user"])
            )

    def test_placing_before_the_decision_is_out_of_order(self, world):
        admission = register(world)
        with pytest.raises(ValidationError):
            services.admission_place(
                admission_id=admission.pk, placement_date=D(2025, 4, 1), context=ctx(world["regular_user"])
            )


class TemporaryPlacementTests:
    @pytest.mark.parametrize(("on", "allowed"), [(D(2025, 5, 12), False), (D(2025, 5, 13), True)])
    def test_temporary_placement_only_after_ten_weeks(self, world, on, allowed):
        admission = register(world)
        if not allowed:
            with pytest.raises(ValidationError):
                services.admission_place_temporarily(
                    admission_id=admission.pk, date=on, context=ctx(world["regular_user"])
                )
            return
        services.admission_place_temporarily(admission_id=admission.pk, date=on, context=ctx(world["regular_user"]))
        admission.refresh_from_db()
        assert admission.status == Admission.Status.TEMPORARY
        world["pupil"].refresh_from_db()
        assert world["pupil"].school == world["regular"]

    def test_after_a_temporary_placement_the_final_placement_does_not_move_the_pupil_again(self, world):
        admission = register(world)
        services.admission_place_temporarily(
            admission_id=admission.pk, date=D(2025, 5, 13), context=ctx(world["regular_user"])
        )
        services.admission_decide(
            admission_id=admission.pk, outcome="placed", date=D(2025, 5, 20), context=ctx(world["regular_user"])
        )
        services.admission_place(
            admission_id=admission.pk, placement_date=D(2025, 5, 20), context=ctx(world["regular_user"])
        )
        assert world["pupil"].placements.count() == 2


class HandoverTests:
    def test_the_checklist_is_recorded_and_documents_need_consent(self, world):
        admission = register(world)
        services.admission_decide(
            admission_id=admission.pk, outcome="placed", date=D(2025, 4, 1), context=ctx(world["regular_user"])
        )
        with pytest.raises(ValidationError) as error:
            services.handover_record(
                admission_id=admission.pk,
                conversation_on=D(2025, 4, 8),
                parents_present=True,
                documents_shared_on=D(2025, 4, 8),
                context=ctx(world["regular_user"]),
            )
        assert "parents_consent_documents" in error.value.message_dict
        handover = services.handover_record(
            admission_id=admission.pk,
            conversation_on=D(2025, 4, 8),
            parents_present=True,
            goals="Werken aan taakaanpak; terug naar regulier na 2 jaar.",
            parents_consent_documents=True,
            documents_shared_on=D(2025, 4, 8),
            documents="OPP, LVS-overzicht",
            context=ctx(world["regular_user"]),
        )
        assert handover.is_done

    def test_no_handover_before_the_decision(self, world):
        admission = register(world)
        with pytest.raises(ValidationError):
            services.handover_record(admission_id=admission.pk, context=ctx(world["regular_user"]))
