"""Plan pages: list, plan, activity with its forms, evaluation and its PDF, per role."""

import re

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.plans.models import Activity

pytestmark = pytest.mark.django_db


def _login(client, role, swv):
    client.force_login(user_with_role(role, swv=swv))
    return client


def test_board_reads_the_plans_but_sees_no_forms(client, plans, swvs):
    client = _login(client, Role.BOARD, swvs["almere-po"])
    assert client.get(reverse("plans:plan_list")).status_code == 200
    plan = plans["Ondersteuningsplan 2023-2027"]
    page = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert "Dekkend netwerk van onderwijs en ondersteuning" in page.content.decode()
    activity = Activity.objects.filter(chapter__plan=plan).first()
    detail = client.get(reverse("plans:activity_detail", args=[activity.pk])).content.decode()
    assert 'name="step"' not in detail
    assert client.post(reverse("plans:activity_detail", args=[activity.pk]), {"step": "status"}).status_code == 403


@pytest.mark.parametrize("role", [Role.SCHOOL, Role.PARTNER, Role.EXPERT])
def test_roles_outside_the_swv_staff_are_refused(client, swvs, role):
    assert _login(client, role, swvs["almere-po"]).get(reverse("plans:plan_list")).status_code == 403


def test_other_swvs_plan_is_not_found(client, plans, swvs):
    client = _login(client, Role.POLICY, swvs["plein013-po"])
    plan = plans["Ondersteuningsplan 2023-2027"]
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404


def test_status_change_on_the_page_moves_the_evaluation_counts(client, plans, swvs):
    client = _login(client, Role.MANAGER, swvs["almere-po"])
    plan = plans["Jaarplan 2025-2026"]
    url = reverse("plans:plan_evaluation", args=[plan.pk])

    def done_count():
        return int(re.search(r'data-total="done">(\d+)<', client.get(url).content.decode()).group(1))

    before = done_count()
    project = Activity.objects.get(chapter__plan=plan, name="Datagestuurd werken")
    refused = client.post(
        reverse("plans:activity_detail", args=[project.pk]), {"step": "status", "status": "done", "evidence": "kort"}
    )
    assert refused.status_code == 400
    assert "Beschrijf het bewijs" in refused.content.decode()
    assert "kort" in refused.content.decode()
    assert done_count() == before

    response = client.post(
        reverse("plans:activity_detail", args=[project.pk]),
        {"step": "status", "status": "done", "evidence": "Werkwijze vastgesteld in het MT van 3 maart."},
    )
    assert response.status_code == 302
    assert done_count() == before + 1


def test_progress_form_keeps_bad_input(client, plans, swvs):
    client = _login(client, Role.POLICY, swvs["almere-po"])
    project = Activity.objects.get(chapter__plan=plans["Jaarplan 2025-2026"], name="Datagestuurd werken")
    page = client.post(
        reverse("plans:activity_detail", args=[project.pk]),
        {"step": "progress", "owner": "Priya", "hours_planned": "veel", "hours_spent": "-3"},
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert 'value="veel"' in html and "Mag niet negatief zijn." in html


def test_evaluation_pdf_has_the_shape_of_the_tussenevaluatie(client, plans, swvs):
    from dekkend.core.tests.pdf import pdf_text

    client = _login(client, Role.DIRECTOR, swvs["almere-vo"])
    plan = plans["Ondersteuningsplan 2023-2027"]
    response = client.get(reverse("plans:plan_evaluation_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Evaluatie Ondersteuningsplan 2023-2027" in text
    assert "Interne organisatie" in text
    assert "haalbaar" in text
    assert "Activiteiten per status per hoofdstuk" in text
