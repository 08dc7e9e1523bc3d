"""The toeleiding demo: every state in every SWV, due/near/overdue items on the worklist, the
demo experts with profiles, the demo school account sees dossiers of its own school."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from dekkend.accounts.models import User
from dekkend.organisations.models import Swv
from dekkend.referrals.models import Application, ExpertProfile
from dekkend.referrals.retention import retention_due
from dekkend.referrals.worklist import worklist_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    monkeypatch.setattr("dekkend.demo.services.DOMAIN_DEMO_LOADERS", ("dekkend.referrals.demo.load_demo",))
    out = StringIO()
    began = time.monotonic()
    call_command("load_demo", pupils=600, stdout=out)
    return out.getvalue(), time.monotonic() - began


def test_every_state_in_every_swv(demo):
    output, _seconds = demo
    assert "Toeleiding" in output
    for swv in Swv.objects.all():
        states = set(Application.objects.filter(swv=swv).values_list("status", flat=True))
        assert states == set(Application.Status.values), swv.code
        types = set(Application.objects.filter(swv=swv).values_list("type", flat=True))
        assert {"tlv", "tlv_verlenging", "maatwerkbudget", "onderwijsarrangement", "overbruggingsbudget"} <= types


def test_worklist_shows_overdue_due_today_and_near_items(demo):
    today = timezone.localdate()
    items = worklist_for(user=User.objects.get(username="secretariaat"), today=today, limit=500)
    days = [item.days_left for item in items if item.days_left is not None]
    assert any(d < 0 for d in days) and 0 in days and any(0 < d <= 5 for d in days)
    assert items[0].overdue


def test_demo_experts_have_profiles_and_see_their_dossiers(demo):
    expert = User.objects.get(username="deskundige1")
    assert ExpertProfile.objects.filter(user=expert, discipline="orthopedagoog").exists()
    assert worklist_for(user=expert, today=timezone.localdate())


def test_demo_school_sees_dossiers_of_its_school(demo):
    school_user = User.objects.get(username="school")
    school_id = school_user.role_assignments.get().school_id
    items = worklist_for(user=school_user, today=timezone.localdate())
    assert items and all(item.application.school_id == school_id for item in items)


def test_retention_dry_run_has_something_to_list(demo):
    assert {item.what for item in retention_due(today=timezone.localdate())} == {"documents"}
