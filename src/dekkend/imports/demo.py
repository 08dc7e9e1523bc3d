"""Demo data of the imports: for each Almere SWV, files generated from the demo population are
run through the real import services (:func:`services.import_upload`, ``import_confirm``,
``import_cancel``) as the demo secretariat, so the pages show every state a user meets:

- DUO's pupil counts of every school location on the last counting date: checked and stored;
- DUO's funded pupils, reconciled with the granted TLVs with a discrepancy of each kind (a granted
  TLV missing at DUO, a DUO row without a TLV here, a category that differs) and one match;
- the municipality's thuiszitter list: stored, with a pupil not found and one already in the
  register reported as warnings;
- a count file with errors: rejected with its row-by-row report, nothing stored;
- (Almere PO) a count file of the counting date before, checked and waiting for confirmation;
  (Almere VO) a funding list cancelled before confirmation.

Deterministic (seeded random, dates relative to today); called by ``./dekkend demo`` after the
toeleiding and steunpunt demos (it reads their TLVs and thuiszitters). One-shot per SWV: an SWV
that already has an import is left alone. Plein 013 has no demo account that may import, so it
gets none. Every file is synthetic (pupil numbers ``SYN-…``, BRIN ``99…``).
"""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.accounts.models import User
from dekkend.audit.services import AuditContext
from dekkend.organisations.models import SchoolLocation, Swv
from dekkend.pupils.models import Pupil
from dekkend.referrals.models import TLV_TYPES, Application, ApplicationStatus
from dekkend.steunpunt.models import AbsenceKind, Thuiszitter, ThuiszitterReason

from . import rules, services
from .models import ImportRun

SEED = 9
ALMERE = ("almere-po", "almere-vo")
DEMO_USER = "secretariaat"
THUISZITTER_ROWS = 10

COUNT_HEADER = "BRIN_NUMMER;VESTIGINGSNUMMER;PEILDATUM;AANTAL_LEERLINGEN"
FUNDING_HEADER = "BESCHIKKINGSNUMMER;LEERLING;GEBOORTEDATUM;SOORT_ONDERWIJS;CATEGORIE;INGANGSDATUM;EINDDATUM"
THUISZITTER_HEADER = "LEERLINGNUMMER;GEBOORTEDATUM;SOORT_VERZUIM;GEMELD_OP;VERZUIM_SINDS;REDEN"


def _csv(header: str, rows: list[list]) -> bytes:
    lines = [header] + [";".join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _upload(kind: str, swv: Swv, name: str, data: bytes, context: AuditContext) -> ImportRun:
    return services.import_upload(kind=kind, upload=SimpleUploadedFile(name, data), context=context, swv_id=swv.pk)


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def count_rows(swv: Swv, on: datetime.date) -> list[list]:
    """Every location of the SWV with its pupils enrolled there today (at most the plausible
    maximum), as DUO would count them on ``on``."""
    enrolled = dict(
        Pupil.objects.filter(swv=swv, location__isnull=False)
        .values("location_id")
        .annotate(pupils=Count("id"))
        .values_list("location_id", "pupils")
    )
    locations = SchoolLocation.objects.filter(school__swv=swv).order_by("school__brin", "code")
    return [
        [brin, code, _day(on), min(enrolled.get(location_id, 0), rules.MAX_PUPILS_PER_LOCATION)]
        for location_id, brin, code in locations.values_list("id", "school__brin", "code")
    ]


def funding_rows(swv: Swv, rng: random.Random) -> list[list]:
    """DUO's list: the granted TLVs of the SWV, but one left out (granted here, not funded), one
    with another funding category (differs) and one decision number DUO funds that is no TLV here."""
    tlvs = list(
        Application.objects.filter(swv=swv, type__in=TLV_TYPES, status=ApplicationStatus.GRANTED)
        .select_related("pupil")
        .order_by("id")
    )
    rows = []
    for index, tlv in enumerate(tlvs):
        if index == 0 and len(tlvs) > 1:
            continue  # granted here, missing at DUO
        category = tlv.funding_category
        if index == 1 and category:
            category = 3 if category != 3 else 1  # DUO counts another category
        rows.append(
            [
                rules.decision_number(tlv.pk),
                tlv.pupil.pupil_number,
                _day(tlv.pupil.birth_date),
                tlv.provision_type.upper(),
                category or "",
                _day(tlv.valid_from),
                _day(tlv.valid_until),
            ]
        )
    unknown = 900000 + rng.randint(0, 99999)
    rows.append([f"TLV-{unknown}", f"SYN-DUO-{unknown}", "14-03-2015", "SO", 2, "01-08-2025", "31-07-2027"])
    return rows


def thuiszitter_rows(swv: Swv, rng: random.Random, today: datetime.date) -> list[list]:
    """The municipality's list: pupils of the SWV without an open case, one who already has one
    (a warning), and one child the SWV does not know (a warning)."""
    open_cases = set(Thuiszitter.objects.filter(swv=swv, ended_on=None).values_list("pupil_id", flat=True))
    ids = list(Pupil.objects.filter(swv=swv).order_by("id").values_list("id", flat=True))
    chosen = [
        pupil_id for pupil_id in rng.sample(ids, min(THUISZITTER_ROWS * 3, len(ids))) if pupil_id not in open_cases
    ]
    pupils = Pupil.objects.in_bulk(chosen[:THUISZITTER_ROWS])
    listed = [pupils[pupil_id] for pupil_id in chosen[:THUISZITTER_ROWS]]
    already = Pupil.objects.filter(pk__in=sorted(open_cases)).order_by("id").first()
    if already is not None:
        listed.append(already)
    kinds = {AbsenceKind.ABSOLUUT: "absoluut", AbsenceKind.RELATIEF: "relatief", AbsenceKind.DREIGEND: "dreigend"}
    reasons = list(ThuiszitterReason.values)
    rows = []
    for pupil in listed:
        kind = rng.choices(list(kinds), weights=(10, 55, 35))[0]
        reported = today - datetime.timedelta(days=rng.randint(3, 80))
        since = reported - datetime.timedelta(days=rng.randint(0, 30)) if kind != AbsenceKind.DREIGEND else None
        rows.append(
            [pupil.pupil_number, _day(pupil.birth_date), kinds[kind], _day(reported), _day(since), rng.choice(reasons)]
        )
    rows.append(["SYN-GEM-404", "01-01-2014", "relatief", _day(today - datetime.timedelta(days=10)), "", "overig"])
    return rows


def bad_count_rows(good: list[list], on: datetime.date) -> list[list]:
    """A count file as it goes wrong: a school of another region, a day that is no counting date,
    a negative number, text for a number and a row twice (each row with one error)."""
    first, last = good[0], good[-1]
    return [
        *good,
        ["12XY", "00", _day(on), 210],
        [first[0], first[1], _day(on + datetime.timedelta(days=14)), 180],
        [last[0], last[1], _day(on), -4],
        [last[0], last[1], _day(on), "veel"],
        first,
    ]


def _load_swv(swv: Swv, rng: random.Random, context: AuditContext, today: datetime.date) -> dict[str, int]:
    last = rules.last_counting_date(today)
    counts = count_rows(swv, last)
    tally = {"stored": 0, "rejected": 0, "waiting": 0, "cancelled": 0}
    for kind, name, data in (
        ("counts", f"tellingen-{last:%Y%m%d}.csv", _csv(COUNT_HEADER, counts)),
        ("funding", "duo-bekostigde-leerlingen.csv", _csv(FUNDING_HEADER, funding_rows(swv, rng))),
        ("thuiszitters", "gemeente-thuiszitters.csv", _csv(THUISZITTER_HEADER, thuiszitter_rows(swv, rng, today))),
    ):
        run = _upload(kind, swv, name, data, context)
        run = services.import_confirm(run_id=run.pk, context=context)
        tally["stored"] += run.status == ImportRun.Status.STORED
    if counts:
        bad = _csv(COUNT_HEADER, bad_count_rows(counts, last))
        run = _upload("counts", swv, "tellingen-met-fouten.csv", bad, context)
        tally["rejected"] += run.status == ImportRun.Status.INVALID
    if swv.code == "almere-po":
        before = rules.last_counting_date(last - datetime.timedelta(days=1))
        run = _upload(
            "counts", swv, f"tellingen-{before:%Y%m%d}.csv", _csv(COUNT_HEADER, count_rows(swv, before)), context
        )
        tally["waiting"] += run.status == ImportRun.Status.VALIDATED
    else:
        run = _upload("funding", swv, "duo-lijst-oud.csv", _csv(FUNDING_HEADER, funding_rows(swv, rng)), context)
        run = services.import_cancel(run_id=run.pk, context=context)
        tally["cancelled"] += run.status == ImportRun.Status.CANCELLED
    return tally


@transaction.atomic
def load_demo(*, context: AuditContext) -> str:
    rng = random.Random(SEED)  # noqa: S311 -- deterministic demo data, not security
    today = timezone.localdate()
    user = User.objects.filter(username=DEMO_USER, is_demo=True).first()
    totals = {"swvs": 0, "stored": 0, "rejected": 0, "waiting": 0, "cancelled": 0}
    if user is not None:
        as_user = AuditContext(user=user, purpose=context.purpose or "demo", client_address=context.client_address)
        for swv in Swv.objects.filter(code__in=ALMERE).order_by("code"):
            if ImportRun.objects.filter(swv=swv).exists():
                continue  # already loaded
            for key, value in _load_swv(swv, rng, as_user, today).items():
                totals[key] += value
            totals["swvs"] += 1
    return (
        _(
            "Imports: %(stored)d stored, %(rejected)d rejected, %(waiting)d waiting for confirmation, "
            "%(cancelled)d cancelled (samenwerkingsverbanden: %(swvs)d)"
        )
        % totals
    )
