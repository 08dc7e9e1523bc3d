"""The monitoring pages: dashboard with trend plots and tables, the definition one click away,
the CSV export and the PDF report, with partners' figures suppressed everywhere."""

import datetime

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.core.tests.pdf import pdf_text

from .factories import pupil_at, tlv, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    w = world()
    s = w["schools"]
    for _ in range(30):
        pupil_at(s["a1"])
    for _ in range(3):
        pupil_at(s["so"], origin=s["a1"], moved_on=datetime.date(2023, 9, 1))
    tlv(
        s["a1"],
        submitted=datetime.date(2025, 5, 2),
        complete=datetime.date(2025, 5, 9),
        decided=datetime.date(2025, 6, 1),
    )
    return w


def signed_in(client, role, w, **scope):
    client.force_login(user_with_role(role, swv=w["swv"], **scope))
    return client


def test_the_dashboard_shows_trends_as_plots_with_tables_and_links_to_definitions(client, w):
    response = signed_in(client, Role.POLICY, w).get(reverse("monitoring:dashboard"), {"period": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Percentage Speciaal Onderwijs" in html
    assert '<svg class="chart"' in html and "<caption" in html
    assert reverse("monitoring:indicator", args=["doorverwijzing-so"]) in html
    assert "9,09%" in html  # 3 of 33 pupils on 1 February 2025
    assert "1,68%" in html  # the Bijlage II target for 2025
    assert "Thuiszitters per 1.000 leerlingen" in html  # listed as not yet computed


def test_partners_see_less_than_5_on_the_dashboard(client, w):
    html = signed_in(client, Role.PARTNER, w).get(reverse("monitoring:dashboard"), {"period": "2025"}).content.decode()
    assert "&lt;5" in html
    assert "9,09%" not in html


def test_a_role_without_indicators_is_refused(client, w):
    response = signed_in(client, Role.SCHOOL, w, school=w["schools"]["a1"]).get(reverse("monitoring:dashboard"))
    assert response.status_code == 403


def test_the_definition_page_shows_source_and_figures_per_level(client, w):
    url = reverse("monitoring:indicator", args=["doorverwijzing-so"])
    html = signed_in(client, Role.MANAGER, w).get(url, {"period": "2025", "level": "school"}).content.decode()
    assert "seeds/001_28cb0100de53310c.txt:1241-1243" in html
    assert w["schools"]["a1"].name in html


def test_the_csv_export_is_suppressed_for_partners_and_audited(client, w):
    url = reverse("monitoring:indicator_export", args=["doorverwijzing-so"])
    response = signed_in(client, Role.PARTNER, w).get(url, {"period": "2025", "level": "school"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<5" in text and ";3;" not in text
    assert AuditEvent.objects.filter(object_type="indicator", object_id="doorverwijzing-so", action="export").exists()


def test_the_periodic_report_is_a_pdf_with_every_indicator(client, w):
    response = signed_in(client, Role.DIRECTOR, w).get(reverse("monitoring:report"), {"period": "2025-M8"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "M8 2025" in text and "Percentage Speciaal Onderwijs" in text


def test_partners_get_no_m4_report(client, w):
    response = signed_in(client, Role.PARTNER, w).get(reverse("monitoring:report"), {"period": "2025-M4"})
    assert response.status_code == 400
