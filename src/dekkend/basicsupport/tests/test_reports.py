"""The conversation reports: a school's PDF (strengths, below the cut, ambitions, change since
the previous round) and the board overview; not for whom may not see the results."""

import pytest
from django.urls import reverse
from django.utils import translation

from dekkend.basicsupport.models import OfferedLevel, Round
from dekkend.basicsupport.services import submission_save
from dekkend.core.tests.pdf import pdf_text

from .factories import RoundFactory, norm_2024
from .helpers import ctx_for, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_rounds(world):
    zero = RoundFactory(swv=world["swv"], norm_version=norm_2024(), school_year="2024-2025")
    scan(zero, world["a1"], 40, user=world["school_a1"], release_by=world["board_user_a"])
    Round.objects.filter(pk=world["round"].pk).update(previous=zero)
    world["round"].refresh_from_db()
    # 12 low answers: basiskwaliteit (2), ondersteuningsbeleid (8) and the first two of the structure
    scan(world["round"], world["a1"], 12, user=world["school_a1"])
    nt2 = world["round"].norm_version.aspects.get(code="nt2")
    submission = world["round"].submissions.get(school=world["a1"])
    submission.ambitions.set([nt2])
    OfferedLevel.objects.create(
        submission=submission, aspect=world["round"].norm_version.aspects.get(code="lezen"), level=4
    )
    return world["round"]


def test_the_school_report_serves_the_conversation(client, world, two_rounds):
    client.force_login(world["school_a1"])
    with translation.override("nl"):
        response = client.get(reverse("basicsupport:school_pdf", args=[two_rounds.pk, world["a1"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Sterke punten" in text and "Onder de norm" in text
    assert "De school voert een transparant ondersteuningsbeleid" in text  # below the cut
    assert "Ondersteuning bij NT2 onderwijs" in text  # the ambition
    assert "Ondersteuning boven de basis" in text and "gespecialiseerde" in text  # reading: level 4
    assert "Verandering sinds de vorige ronde" in text and "2024-2025" in text


def test_the_board_overview_lists_its_schools(client, world, two_rounds):
    scan(two_rounds, world["a2"], 0)
    client.force_login(world["board_user_a"])
    response = client.get(reverse("basicsupport:board_pdf", args=[two_rounds.pk, world["board_a"].pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "De Aak" in text and "De Boei" in text and "De Cirkel" not in text


def test_no_report_before_release_for_the_swv_nor_for_another_board(client, world, two_rounds):
    client.force_login(world["secretariat"])
    assert client.get(reverse("basicsupport:school_pdf", args=[two_rounds.pk, world["a1"].pk])).status_code == 404
    client.force_login(world["board_user_b"])
    assert client.get(reverse("basicsupport:board_pdf", args=[two_rounds.pk, world["board_a"].pk])).status_code == 404


def test_no_report_of_a_scan_still_being_filled_in(client, world):
    submission_save(zelfscan_round=world["round"], school=world["a1"], answers={}, context=ctx_for(world["school_a1"]))
    client.force_login(world["school_a1"])
    assert client.get(reverse("basicsupport:school_pdf", args=[world["round"].pk, world["a1"].pk])).status_code == 404
