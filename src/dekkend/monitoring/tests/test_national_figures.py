"""National figures recorded by the SWV (OCW and DUO publish them yearly, outside Dekkend): the
policy officer records a share per indicator and year with its source, every change is kept, bad
input changes nothing, and the dashboard, its table, the exports and the values API show the
recorded figure instead of the catalogue's of that year, to partners too (not pupil data)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.monitoring import selectors
from dekkend.monitoring.models import NationalFigure
from dekkend.monitoring.periods import Period
from dekkend.monitoring.services import national_figure_record, national_figure_withdraw
from dekkend.organisations.tests.factories import SwvFactory

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db
SO = "doorverwijzing-so"
OCW = "OCW in cijfers, Leerlingaantallen 2023-2024, tabel aandeel so (https://www.ocwincijfers.nl/)"


@pytest.fixture
def w():
    w = world()
    for _ in range(20):
        pupil_at(w["schools"]["a1"])
    w["policy"] = user_with_role(Role.POLICY, swv=w["swv"])
    return w


def record(w, *, user=None, code=SO, year=2024, value="2.40", source=OCW):
    return national_figure_record(
        swv_id=w["swv"].pk,
        indicator_code=code,
        year=year,
        value=Decimal(value),
        source=source,
        context=AuditContext(user=user or w["policy"]),
    )


def point(user, w, year, code=SO, period=2025):
    trends = selectors.dashboard(user=user, swv=w["swv"], period=Period(period))
    return next(p for t in trends if t.indicator.code == code for p in t.points if p.year == year)


def test_the_policy_officer_records_a_figure_with_its_source_and_it_is_audited(w):
    figure = record(w, source="  OCW in cijfers,\n tabel so  ")
    assert (figure.value, figure.year, figure.is_current) == (Decimal("2.40"), 2024, True)
    assert figure.source == "OCW in cijfers, tabel so" and figure.recorded_by == w["policy"]
    event = AuditEvent.objects.get(object_type="national_figure", object_id=f"{SO}/2024")
    assert (event.action, event.outcome, event.swv_id) == ("create", "success", w["swv"].pk)


def test_a_change_is_a_new_version_and_the_old_one_is_kept(w):
    first = record(w, value="2.40")
    again = record(w, value="2.40")
    assert again.pk == first.pk  # the same figure and source: nothing new
    second = record(w, value="2.45")
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert NationalFigure.objects.filter(swv=w["swv"], indicator_code=SO, year=2024).count() == 2
    change = AuditEvent.objects.filter(object_type="national_figure").order_by("-id").first()
    assert (change.action, change.detail["old"], change.detail["new"]) == ("update", "2.40", "2.45")
    history = selectors.national_figure_overview(user=w["policy"], swv=w["swv"])
    row = next(row for row in history if row.indicator.code == SO)
    assert [version.value for version in row.history] == [Decimal("2.45"), Decimal("2.40")]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "100.5"}, "value", "tussen 0 en 100 procent"),
        ({"value": "-0.1"}, "value", "tussen 0 en 100 procent"),
        ({"value": "2.345"}, "value", "hoogstens twee decimalen"),
        ({"year": 1999}, "year", "Vul een jaar in van 2000 tot en met"),
        ({"year": timezone.localdate().year + 1}, "year", "Vul een jaar in van 2000 tot en met"),
        ({"source": "   "}, "source", "Vul de bron in"),
        ({"code": "bestaat-niet"}, "indicator", "in procenten van dit samenwerkingsverband"),
        ({"code": "tlv-doorlooptijd-totaal"}, "indicator", "in procenten"),  # days, not a share
        ({"code": "doorverwijzing-vso"}, "indicator", "van dit samenwerkingsverband"),  # VO, a PO SWV
    ],
)
def test_bad_input_is_refused_in_dutch_and_changes_nothing(w, changes, field, message):
    record(w, value="2.40")
    before = list(NationalFigure.objects.values_list("pk", "value", "is_current"))
    with pytest.raises(ValidationError) as refused:
        record(w, **{"value": "2.50", **changes})
    assert message in " ".join(refused.value.message_dict[field])
    assert list(NationalFigure.objects.values_list("pk", "value", "is_current")) == before


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR, Role.BOARD, Role.PARTNER])
def test_only_the_policy_officer_records_them(w, role):
    user = user_with_role(role, swv=w["swv"], **({"board": w["boards"]["a"]} if role == Role.BOARD else {}))
    with pytest.raises(PermissionDenied):
        record(w, user=user)
    assert not NationalFigure.objects.exists()
    assert AuditEvent.objects.filter(object_type="national_figure", outcome="denied").count() == 1


def test_a_policy_officer_of_another_swv_cannot_record_them_here(w):
    elsewhere = user_with_role(Role.POLICY, swv=SwvFactory(code="elders-po", sector="po"))
    with pytest.raises(PermissionDenied):
        record(w, user=elsewhere)
    assert not NationalFigure.objects.exists()


def test_the_dashboard_uses_a_recorded_figure_instead_of_the_catalogues(w):
    record(w, year=2022, value="2.35", source="DUO, eigen telling 2021-2022")
    record(w, year=2024, value="2.40")
    recorded, catalogue, recorded_later = (
        point(w["policy"], w, 2022),
        point(w["policy"], w, 2021),
        point(w["policy"], w, 2024),
    )
    assert (recorded.benchmark, recorded.benchmark_source) == (2.35, "DUO, eigen telling 2021-2022")
    assert catalogue.benchmark == 2.2 and catalogue.benchmark_source.startswith("OCW in cijfers, Passend onderwijs")
    assert (recorded_later.benchmark, recorded_later.benchmark_source) == (2.4, OCW)
    assert point(w["policy"], w, 2025).benchmark is None
    other = SwvFactory(code="elders-po", sector="po")  # another SWV keeps the catalogue's figure
    theirs = selectors.dashboard(user=user_with_role(Role.POLICY, swv=other), swv=other, period=Period(2025))
    assert next(p for t in theirs if t.indicator.code == SO for p in t.points if p.year == 2022).benchmark == 2.3


def test_a_withdrawn_figure_gives_the_catalogues_back(w):
    record(w, year=2022, value="2.35")
    withdrawn = national_figure_withdraw(
        swv_id=w["swv"].pk, indicator_code=SO, year=2022, context=AuditContext(user=w["policy"])
    )
    assert withdrawn.value is None and withdrawn.is_current
    assert point(w["policy"], w, 2022).benchmark == 2.3
    assert AuditEvent.objects.filter(object_type="national_figure", action="delete").count() == 1
    with pytest.raises(ValidationError):  # nothing recorded any more: nothing to withdraw
        national_figure_withdraw(
            swv_id=w["swv"].pk, indicator_code=SO, year=2022, context=AuditContext(user=w["policy"])
        )


def test_partners_see_the_national_line_it_is_not_pupil_data(w, client):
    record(w, year=2024, value="2.40")
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    assert point(partner, w, 2024).benchmark == 2.4
    client.force_login(partner)
    html = client.get(reverse("monitoring:dashboard"), {"period": "2025"}).content.decode()
    section = html[html.index(f'id="indicator-{SO}"') : html.index('id="indicator-doorverwijzing-sbo"')]
    assert "&lt;5" in section  # the partner's view: the SWV's own small figures are suppressed
    assert "2,40%" in section and "Landelijk" in section  # the national figure is not
    assert f"Landelijke cijfers 2024: {OCW[:30]}" in section
    assert "Landelijke cijfers 2021, 2022: OCW in cijfers, Passend onderwijs" in section


def test_the_dashboard_export_has_the_national_figure_and_its_source(w, client):
    record(w, year=2024, value="2.40")
    client.force_login(w["policy"])
    rows = client.get(reverse("monitoring:dashboard_export"), {"period": "2025"}).content.decode().splitlines()
    header = rows[0].split(";")
    row = next(line.split(";") for line in rows if line.startswith(f"{SO};") and ";2024;" in line)
    assert row[header.index("landelijk")] == "2,40"
    assert row[header.index("bron landelijk")] == OCW


def test_the_values_api_gives_the_national_figure_of_the_year(w, api_client_for):
    record(w, year=2024, value="2.40")
    url = f"/api/v1/indicators/{SO}/values/"
    partner = api_client_for(user_with_role(Role.PARTNER, swv=w["swv"]))
    recorded = partner.get(url, {"period": "2024"}).json()["national"]
    assert recorded == {"value": 2.4, "source": OCW, "recorded": True}
    catalogue = partner.get(url, {"period": "2022"}).json()["national"]
    assert catalogue["value"] == 2.3 and catalogue["recorded"] is False
    assert partner.get(url, {"period": "2025"}).json()["national"] is None


def test_the_page_records_lists_and_withdraws(w, client):
    client.force_login(w["policy"])
    page = reverse("monitoring:national_figures")
    assert "Een landelijk cijfer vastleggen" in client.get(page).content.decode()
    response = client.post(page, {"swv": w["swv"].pk, "indicator": SO, "year": "2024", "value": "2,40", "source": OCW})
    assert response.status_code == 302
    assert NationalFigure.objects.get(is_current=True).value == Decimal("2.40")
    html = client.get(page).content.decode()
    assert "2,4" in html and "Intrekken" in html
    response = client.post(
        reverse("monitoring:national_figure_withdraw"), {"swv": w["swv"].pk, "indicator": SO, "year": "2024"}
    )
    assert response.status_code == 302
    assert NationalFigure.objects.get(is_current=True).value is None


def test_the_page_refuses_bad_input_in_dutch_and_keeps_what_was_typed(w, client):
    client.force_login(w["policy"])
    response = client.post(
        reverse("monitoring:national_figures"),
        {"swv": w["swv"].pk, "indicator": SO, "year": "2024", "value": "150", "source": OCW},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een aandeel in tussen 0 en 100 procent." in html
    assert OCW.replace("(", "").split()[0] in html  # the source typed is still in the form
    assert not NationalFigure.objects.exists()


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.PARTNER])
def test_the_page_is_for_the_policy_officer_only(w, client, role):
    client.force_login(user_with_role(role, swv=w["swv"]))
    assert client.get(reverse("monitoring:national_figures")).status_code == 403
    response = client.post(
        reverse("monitoring:national_figure_withdraw"), {"swv": w["swv"].pk, "indicator": SO, "year": "2024"}
    )
    assert response.status_code == 403
