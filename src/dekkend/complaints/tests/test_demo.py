"""The complaints demo: a handful per SWV per year, open and closed ones, some naming an
application at its own SWV; the demo secretariat sees them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from dekkend.accounts.models import User
from dekkend.complaints.demo import PER_YEAR, YEARS
from dekkend.complaints.models import Complaint
from dekkend.complaints.selectors import complaint_queryset
from dekkend.organisations.models import Swv

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr(
        "dekkend.demo.services.DOMAIN_DEMO_LOADERS",
        ("dekkend.referrals.demo.load_demo", "dekkend.complaints.demo.load_demo"),
    )
    out = StringIO()
    call_command("load_demo", pupils=600, stdout=out)
    return out.getvalue()


class ComplaintsDemoTests:
    def test_a_handful_per_swv_per_year(self, demo):
        this_year = timezone.localdate().year
        per_year = {
            (row["swv"], row["received_on__year"]): row["n"]
            for row in Complaint.objects.values("swv", "received_on__year").annotate(n=Count("id"))
        }
        for swv in Swv.objects.all():
            for year in range(this_year - YEARS + 1, this_year + 1):
                assert PER_YEAR[0] <= per_year[(swv.pk, year)] <= PER_YEAR[1]
        assert "Klachten:" in demo

    def test_open_and_closed_with_an_outcome_links_within_the_swv(self, demo):
        assert set(Complaint.objects.values_list("status", flat=True)) >= {"closed", "acknowledged"}
        assert not Complaint.objects.filter(status="closed", outcome="").exists()
        assert Complaint.objects.exclude(application=None).exists()
        assert not Complaint.objects.exclude(application=None).exclude(application__swv=F("swv")).exists()
        assert not Complaint.objects.exclude(school=None).exclude(school__swv=F("swv")).exists()
        assert not Complaint.objects.filter(received_on__gt=timezone.localdate()).exists()

    def test_the_demo_secretariat_sees_the_complaints_of_both_swvs(self, demo):
        user = User.objects.get(username="secretariaat")
        seen = set(complaint_queryset(user=user).values_list("swv__code", flat=True))
        assert seen == {"almere-po", "almere-vo"}
