"""The demo loader: Almere gets a profile, parents' hours, the ladder and a year of synthetic
cases; running it twice adds nothing."""

import pytest

from dekkend.audit.services import AuditContext
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.steunpunt import demo
from dekkend.steunpunt.models import Escalation, EscalationLevel, ParentHours, Question, SteunpuntProfile, Thuiszitter

pytestmark = pytest.mark.django_db


def test_demo_loads_almere_once():
    swv = SwvFactory(code="almere-po")
    school = SchoolFactory(swv=swv)
    for _ in range(12):
        PupilFactory(school=school)
    plein = SwvFactory(code="plein013-po")
    line = demo.load_demo(context=AuditContext(purpose="demo"))
    assert "160" in line
    assert SteunpuntProfile.objects.get(swv=swv).phone == "036 76 70 200"
    assert ParentHours.objects.filter(swv=swv).count() == 3
    assert EscalationLevel.objects.filter(swv=plein).count() == 3
    counts = (Question.objects.count(), Escalation.objects.count(), Thuiszitter.objects.count())
    assert counts[0] == 160 and counts[1] > 0 and counts[2] > 0
    for row in Thuiszitter.objects.all():
        row.full_clean()
    demo.load_demo(context=AuditContext(purpose="demo"))
    assert (Question.objects.count(), Escalation.objects.count(), Thuiszitter.objects.count()) == counts


def test_demo_sends_a_parents_survey_and_answered_links_forget_their_pupil():
    import datetime

    from django.utils import timezone

    from dekkend.referrals.tests.factories import ApplicationFactory
    from dekkend.steunpunt.models import SurveyInvitation, SurveyResponse, SurveyRound

    swv = SwvFactory(code="almere-po")
    school = SchoolFactory(swv=swv)
    for _ in range(30):
        ApplicationFactory(
            pupil=PupilFactory(school=school),
            status="granted",
            outcome="granted",
            decided_on=timezone.localdate() - datetime.timedelta(days=60),
        )
    line = demo.load_demo(context=AuditContext(purpose="demo"))
    survey = SurveyRound.objects.get(swv=swv)
    assert survey.invited == 30 and "30" in line
    used = SurveyInvitation.objects.filter(round=survey, used=True)
    assert 0 < used.count() < 30 and SurveyResponse.objects.filter(round=survey).count() == used.count()
    assert not used.exclude(pupil=None).exists()
