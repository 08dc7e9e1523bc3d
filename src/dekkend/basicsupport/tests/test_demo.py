"""The demo zelfscans: the 0-meting lands on the published figures, the second round is a mix."""

import random
from decimal import Decimal

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.basicsupport import rules
from dekkend.basicsupport.demo import load_demo, sufficient_counts
from dekkend.basicsupport.models import Round, Submission
from dekkend.basicsupport.selectors import district_profiles, round_results
from dekkend.organisations.models import Sector
from dekkend.organisations.tests.factories import BoardFactory, SchoolFactory, SwvFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("schools", "questions", "meeting", "sufficient"),
    [(13, 89, Decimal("61.5"), Decimal("83.6")), (45, 99, Decimal("82.2"), Decimal("90.4"))],
)
def test_the_counts_reproduce_the_published_0_meting(schools, questions, meeting, sufficient):
    counts = sufficient_counts(random.Random(1), schools, questions, meeting, sufficient)
    meets = sum(rules.meets_threshold(c, questions) for c in counts)
    assert rules.share(meets, schools) == meeting
    assert rules.share(sum(counts), schools * questions) == sufficient


def test_the_demo_rounds_for_almere():
    po = SwvFactory(code="almere-po", name="Passend Onderwijs Almere PO", sector=Sector.PO)
    vo = SwvFactory(code="almere-vo", name="Passend Onderwijs Almere VO", sector=Sector.VO)
    boards = [BoardFactory() for _ in range(3)]
    for index in range(20):
        SchoolFactory(swv=po, board=boards[index % 3])
    for index in range(13):
        SchoolFactory(swv=vo, board=boards[index % 3], secondary=True)
    context = AuditContext(purpose="test")
    assert "4 rondes" in load_demo(context=context)
    assert "0 rondes" in load_demo(context=context)
    zero = Round.objects.get(swv=vo, school_year="2024-2025")
    assert zero.reported_schools_meeting == Decimal("61.5")
    results = round_results(user=user_with_role(Role.SECRETARIAT, swv=vo), zelfscan_round=zero)
    assert results.total.schools == 13
    assert results.total.share_schools_meeting == Decimal("61.5")
    assert results.total.share_sufficient == Decimal("83.6")
    po_zero = Round.objects.get(swv=po, school_year="2024-2025")
    po_results = round_results(user=user_with_role(Role.SECRETARIAT, swv=po), zelfscan_round=po_zero)
    assert abs(po_results.total.share_sufficient - Decimal("90.4")) <= Decimal("0.1")
    second = Round.objects.get(swv=po, school_year="2025-2026")
    assert second.previous == po_zero and second.status == Round.Status.OPEN
    statuses = set(Submission.objects.filter(round=second).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "released"}
    draft = Submission.objects.filter(round=second, status="draft").first()
    assert not draft.answers.filter(question__aspect__kind="theme").exists()  # still being filled in
    assert draft.answers.exists()
    profiles = district_profiles(user=user_with_role(Role.SECRETARIAT, swv=po), zelfscan_round=po_zero)
    assert profiles.total.schools == 20
    assert sum(t.streefnorm + t.specialised for t in profiles.total.theme_list) > 0
