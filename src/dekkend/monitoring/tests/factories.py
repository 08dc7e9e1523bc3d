"""A small world for the indicator tests: one PO SWV with two boards, regular and special
schools, districts with wijken, and helpers for placements and TLV applications."""

import datetime

from dekkend.organisations.models import Area, SchoolType
from dekkend.organisations.tests.factories import AreaFactory, BoardFactory, SchoolFactory, SwvFactory
from dekkend.pupils.models import Placement
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.models import Application, ApplicationType
from dekkend.referrals.tests.factories import ApplicationFactory


def world():
    swv = SwvFactory(code="almere-po", sector="po")  # the plan whose targets apply
    city = AreaFactory(name="Proefstad", kind=Area.Kind.MUNICIPALITY)
    north = AreaFactory(name="Noord", kind=Area.Kind.STADSDEEL, parent=city)
    south = AreaFactory(name="Zuid", kind=Area.Kind.STADSDEEL, parent=city)
    north_wijk = AreaFactory(name="Noord-Oost", parent=north)
    board_a, board_b, special_board = BoardFactory(), BoardFactory(), BoardFactory()
    school_a1 = SchoolFactory(swv=swv, board=board_a)
    school_a2 = SchoolFactory(swv=swv, board=board_a)
    school_b1 = SchoolFactory(swv=swv, board=board_b)
    so = SchoolFactory(swv=swv, board=special_board, school_type=SchoolType.SO, name="SO De Proef")
    sbo = SchoolFactory(swv=swv, board=special_board, school_type=SchoolType.SBO, name="SBO De Proef")
    return {
        "swv": swv,
        "areas": {"city": city, "north": north, "south": south, "north_wijk": north_wijk},
        "boards": {"a": board_a, "b": board_b, "special": special_board},
        "schools": {"a1": school_a1, "a2": school_a2, "b1": school_b1, "so": so, "sbo": sbo},
    }


def pupil_at(school, start=datetime.date(2020, 8, 20), *, home=None, origin=None, moved_on=None, reason=None):
    """A pupil with a placement at ``school`` from ``start``; with ``origin``, first at that
    regular school and from ``moved_on`` (default ``start``) at ``school``."""
    pupil = PupilFactory(school=school, home_area=home)
    if origin is None:
        Placement.objects.create(
            pupil=pupil, school=school, start_date=start, reason=reason or Placement.Reason.ENROLMENT
        )
        return pupil
    moved_on = moved_on or start
    Placement.objects.create(
        pupil=pupil, school=origin, start_date=datetime.date(2018, 8, 20), end_date=moved_on,
        reason=Placement.Reason.ENROLMENT,
    )  # fmt: skip
    Placement.objects.create(pupil=pupil, school=school, start_date=moved_on, reason=reason or Placement.Reason.TLV)
    return pupil


def tlv(school, *, submitted, complete=None, decided=None, due=None, extended=None, granted=True, **extra):
    pupil = extra.pop("pupil", None) or PupilFactory(school=school)
    return ApplicationFactory(
        pupil=pupil,
        school=school,
        swv=school.swv,
        type=extra.pop("type", ApplicationType.TLV),
        status=Application.Status.GRANTED if decided else Application.Status.SUBMITTED,
        submitted_on=submitted,
        complete_on=complete,
        decision_due=due,
        decision_extended_to=extended,
        decided_on=decided,
        outcome=(Application.Outcome.GRANTED if granted else Application.Outcome.REFUSED) if decided else "",
        **extra,
    )
