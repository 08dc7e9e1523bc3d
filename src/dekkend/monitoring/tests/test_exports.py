"""CSV and XLSX exports of one indicator and of the whole dashboard: the same figures as the
page, and for partners the same "<5" in every format."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent

from .test_dashboard_pages import signed_in, w  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(workbook.active.iter_rows(values_only=True))


def test_the_xlsx_export_of_an_indicator_has_numbers_for_staff(client, w):  # noqa: F811
    url = reverse("monitoring:indicator_export_xlsx", args=["doorverwijzing-so"])
    response = signed_in(client, Role.POLICY, w).get(url, {"period": "2025", "level": "school"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    total = rows[-1]
    assert total[3] == "city"
    assert total[5:8] == (9.09, 3, 33)  # 3 of 33 pupils on 1 February 2025


def test_partners_read_less_than_5_in_the_xlsx_export(client, w):  # noqa: F811
    url = reverse("monitoring:indicator_export_xlsx", args=["doorverwijzing-so"])
    response = signed_in(client, Role.PARTNER, w).get(url, {"period": "2025", "level": "school"})
    assert response.status_code == 200
    rows = sheet_rows(response)
    figures = [value for row in rows[1:] for value in row[5:8]]
    assert "<5" in figures and 3 not in figures
    assert AuditEvent.objects.filter(object_id="doorverwijzing-so", action="export", detail__format="xlsx").exists()


def test_the_dashboard_exports_every_indicator_per_year_as_xlsx_and_csv(client, w):  # noqa: F811
    user_client = signed_in(client, Role.POLICY, w)
    rows = sheet_rows(user_client.get(reverse("monitoring:dashboard_export_xlsx"), {"period": "2025"}))
    so_2025 = next(row for row in rows if row[0] == "doorverwijzing-so" and row[3] == 2025)
    assert so_2025[4:7] == (9.09, 3, 33)
    assert so_2025[8] == 1.68  # the Bijlage II target for 2025
    assert {row[3] for row in rows[1:] if row[0] == "doorverwijzing-so"} == set(range(2021, 2026))
    text = user_client.get(reverse("monitoring:dashboard_export"), {"period": "2025"}).content.decode()
    assert "doorverwijzing-so;Percentage Speciaal Onderwijs;percent;2025;9,09;3;33" in text


def test_partners_read_less_than_5_in_the_dashboard_exports(client, w):  # noqa: F811
    partner = signed_in(client, Role.PARTNER, w)
    rows = sheet_rows(partner.get(reverse("monitoring:dashboard_export_xlsx"), {"period": "2025"}))
    so_2025 = next(row for row in rows if row[0] == "doorverwijzing-so" and row[3] == 2025)
    assert so_2025[4:6] == ("<5", "<5")
    text = partner.get(reverse("monitoring:dashboard_export"), {"period": "2025"}).content.decode()
    assert ";9,09;" not in text and "<5" in text


def test_a_partner_gets_no_dashboard_export_of_a_management_period(client, w):  # noqa: F811
    url = reverse("monitoring:dashboard_export_xlsx")
    response = signed_in(client, Role.PARTNER, w).get(url, {"period": "2025-M4"})
    assert response.status_code == 400
    assert "hele jaren" in response.content.decode()


def test_a_role_without_indicators_gets_no_export(client, w):  # noqa: F811
    school = w["schools"]["a1"]
    response = signed_in(client, Role.SCHOOL, w, school=school).get(reverse("monitoring:dashboard_export_xlsx"))
    assert response.status_code == 403
