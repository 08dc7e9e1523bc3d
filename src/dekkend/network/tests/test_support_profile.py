"""A pupil's support profile has a history: a new assessment is a new row, the latest counts."""

import pytest
from django.core.exceptions import ValidationError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.network.services import support_profile_create
from dekkend.pupils.tests.factories import PupilFactory

from .profiles import levels

pytestmark = pytest.mark.django_db


class SupportProfileHistoryTests:
    def test_a_new_assessment_keeps_the_earlier_one(self):
        pupil = PupilFactory()
        user = user_with_role(Role.SECRETARIAT, swv=pupil.swv)
        context = AuditContext(user=user)
        first = support_profile_create(pupil=pupil, levels=levels(leren=3), context=context)
        second = support_profile_create(pupil=pupil, levels=levels(leren=4), group_size=12, context=context)

        assert list(pupil.support_profiles.all()) == [second, first]
        assert pupil.support_profiles.latest().levels["leren"] == 4
        assert second.created_by == user

    def test_each_assessment_is_in_the_audit_log(self):
        pupil = PupilFactory()
        profile = support_profile_create(pupil=pupil, levels=levels(), context=AuditContext())
        event = AuditEvent.objects.get(object_type="support_profile")
        assert event.pupil_id == pupil.pk and event.object_id == str(profile.pk) and event.action == "create"

    def test_a_level_outside_1_to_6_is_refused(self):
        with pytest.raises(ValidationError) as error:
            support_profile_create(pupil=PupilFactory(), levels=levels(gedrag=7), context=AuditContext())
        assert "gedrag" in error.value.message_dict
