"""Reads of basisondersteuning: rounds, their questions, progress per school and the results
per school, board, district and city. No pupil data: nothing here is audited per read, but
every list is narrowed by :mod:`dekkend.core.permissions` (results count only the scans the
user may see; for the SWV only the released ones)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, SchoolLocation

from . import rules
from .models import Answer, Aspect, OfferedLevel, Question, Round, Submission

LEVELS = ("school", "board", "district", "city")
MAX_ID = 2**63 - 1


def variant_school_types(variant: str) -> list[str]:
    return [school_type for school_type, v in rules.SCHOOL_TYPE_VARIANT.items() if v == variant]


def round_questions(zelfscan_round: Round) -> list[Question]:
    """The questions of the round's norm version for its variant, in the norm's order."""
    questions = (
        Question.objects.filter(aspect__norm_version_id=zelfscan_round.norm_version_id)
        .select_related("aspect")
        .order_by("order")
    )
    return [q for q in questions if zelfscan_round.variant in q.variants]


def round_aspects(zelfscan_round: Round) -> list[Aspect]:
    return [
        a
        for a in Aspect.objects.filter(norm_version_id=zelfscan_round.norm_version_id).order_by("order")
        if zelfscan_round.variant in a.variants
    ]


def round_schools(zelfscan_round: Round) -> QuerySet[School]:
    """The schools of the SWV that answer this round's variant."""
    return School.objects.filter(
        swv_id=zelfscan_round.swv_id, school_type__in=variant_school_types(zelfscan_round.variant)
    )


def rounds_for(user) -> QuerySet[Round]:
    return (
        Round.objects.filter(permissions.zelfscan_round_scope_q(user))
        .select_related("swv", "norm_version")
        .order_by("swv__name", "-school_year", "variant")
    )


def round_get(*, user, round_id: int) -> Round:
    """A round in the user's scope: 403 for a role without the zelfscan, 404 outside scope."""
    if not permissions.has_action(user, Action.VIEW_ZELFSCAN):
        raise PermissionDenied
    found = rounds_for(user).filter(pk=round_id).first() if 0 < round_id <= MAX_ID else None
    if found is None:
        raise Http404
    return found


def submission_for(*, user, zelfscan_round: Round, school_id: int) -> tuple[School, Submission | None]:
    """A school of the round whose progress the user may see, with its scan (if started)."""
    school = (
        round_schools(zelfscan_round)
        .filter(permissions.zelfscan_progress_scope_q(user))
        .select_related("board", "swv")
        .filter(pk=school_id)
        .first()
        if 0 < school_id <= MAX_ID
        else None
    )
    if school is None:
        raise Http404
    submission = Submission.objects.filter(round=zelfscan_round, school=school).first()
    return school, submission


def may_see_answers(user, submission: Submission | None) -> bool:
    """The answers themselves: the school always; others once the scan is in their results scope."""
    if submission is None:
        return False
    if permissions.decide_zelfscan_answer(user, submission.school).allowed:
        return True
    return Submission.objects.filter(pk=submission.pk).filter(permissions.zelfscan_results_scope_q(user)).exists()


# --- Progress ---------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    school: School
    status: str
    status_display: str
    answered: int
    questions: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.questions) if self.questions else 0


def round_progress(*, user, zelfscan_round: Round) -> list[ProgressRow]:
    """Per school in the user's scope: where its scan stands and how many questions are answered."""
    total = len(round_questions(zelfscan_round))
    schools = list(
        round_schools(zelfscan_round)
        .filter(permissions.zelfscan_progress_scope_q(user))
        .select_related("board")
        .order_by("name", "pk")
    )
    started = {
        row["school_id"]: row
        for row in Submission.objects.filter(round=zelfscan_round, school__in=schools)
        .values("school_id", "status")
        .annotate(answered=Count("answers"))
    }
    labels = dict(Submission.Status.choices)
    rows = []
    for school in schools:
        row = started.get(school.pk)
        status = row["status"] if row else "not_started"
        rows.append(
            ProgressRow(
                school=school,
                status=status,
                status_display=str(labels.get(status, _("not started"))),
                answered=row["answered"] if row else 0,
                questions=total,
            )
        )
    return rows


# --- Results ----------------------------------------------------------------------------------


@dataclass
class AspectFigure:
    aspect: Aspect
    answers: int = 0
    sufficient: int = 0

    @property
    def share(self) -> Decimal | None:
        return rules.share(self.sufficient, self.answers)


@dataclass
class GroupResult:
    key: int | None
    name: str
    schools: int = 0
    schools_meeting: int = 0
    questions: int = 0  # questions asked (schools x questions of the round)
    sufficient: int = 0
    aspects: dict[int, AspectFigure] = field(default_factory=dict)
    school_ids: list[int] = field(default_factory=list)
    previous: "GroupResult | None" = None

    @property
    def share_schools_meeting(self) -> Decimal | None:
        return rules.share(self.schools_meeting, self.schools)

    @property
    def share_sufficient(self) -> Decimal | None:
        return rules.share(self.sufficient, self.questions)

    @property
    def meets(self) -> bool:
        return self.schools > 0 and self.schools_meeting == self.schools

    @property
    def aspect_list(self) -> list[AspectFigure]:
        return sorted(self.aspects.values(), key=lambda figure: figure.aspect.order)


@dataclass
class Results:
    zelfscan_round: Round
    level: str
    threshold: Decimal
    question_count: int
    groups: list[GroupResult]
    total: GroupResult
    previous_round: Round | None = None
    reported: dict | None = None  # the published figures of the previous round, when it has them


def _district_of(school_ids: list[int]) -> dict[int, tuple[int | None, str]]:
    """The area of each school's main location (the lowest vestiging code)."""
    districts: dict[int, tuple[int | None, str]] = {}
    for row in (
        SchoolLocation.objects.filter(school_id__in=school_ids)
        .order_by("school_id", "code")
        .values("school_id", "area_id", "area__name")
    ):
        districts.setdefault(row["school_id"], (row["area_id"], row["area__name"] or ""))
    return districts


def _group_key(level: str, row: dict, districts) -> tuple[int | None, str]:
    if level == "school":
        return row["school_id"], row["school__name"]
    if level == "board":
        return row["school__board_id"], row["school__board__name"]
    if level == "district":
        area_id, name = districts.get(row["school_id"], (None, ""))
        return area_id, name or _("no district known")
    return row["school__swv_id"], row["school__swv__municipality"] or row["school__swv__name"]


def _compute(user, zelfscan_round: Round, level: str) -> tuple[list[GroupResult], GroupResult, int]:
    """Two queries for the figures (the scans in scope, their answers counted per aspect) and
    plain values rather than model instances: a city has a few hundred scans."""
    per_aspect_questions: dict[int, int] = {}
    question_count = 0
    for aspect_id, variants in Question.objects.filter(
        aspect__norm_version_id=zelfscan_round.norm_version_id
    ).values_list("aspect_id", "variants"):
        if zelfscan_round.variant in variants:
            per_aspect_questions[aspect_id] = per_aspect_questions.get(aspect_id, 0) + 1
            question_count += 1
    aspects = {a.pk: a for a in round_aspects(zelfscan_round)}
    scans = Submission.objects.filter(round=zelfscan_round).filter(permissions.zelfscan_results_scope_q(user))
    submissions = list(
        scans.values(
            "pk",
            "school_id",
            "school__name",
            "school__board_id",
            "school__board__name",
            "school__swv_id",
            "school__swv__municipality",
            "school__swv__name",
        )
    )
    counts: dict[int, dict[int, int]] = {}
    for row in (
        Answer.objects.filter(submission__in=scans.values("pk"), score__gte=rules.SUFFICIENT_SCORE)
        .values("submission_id", "question__aspect_id")
        .annotate(sufficient=Count("id"))
    ):
        counts.setdefault(row["submission_id"], {})[row["question__aspect_id"]] = row["sufficient"]
    districts = _district_of([row["school_id"] for row in submissions]) if level == "district" else {}
    groups: dict[tuple, GroupResult] = {}
    total = GroupResult(key=zelfscan_round.swv_id, name=_("all schools"))
    for row in submissions:
        key, name = _group_key(level, row, districts)
        group = groups.setdefault((key, name), GroupResult(key=key, name=name))
        by_aspect = counts.get(row["pk"], {})
        sufficient = sum(by_aspect.values())
        meets = rules.meets_threshold(sufficient, question_count, zelfscan_round.threshold)
        for target in (group, total):
            target.schools += 1
            target.schools_meeting += meets
            target.questions += question_count
            target.sufficient += sufficient
            target.school_ids.append(row["school_id"])
            for aspect_id, asked in per_aspect_questions.items():
                figure = target.aspects.get(aspect_id)
                if figure is None:
                    figure = target.aspects[aspect_id] = AspectFigure(aspects[aspect_id])
                figure.answers += asked
                figure.sufficient += by_aspect.get(aspect_id, 0)
    ordered = sorted(groups.values(), key=lambda g: (g.name.lower(), g.key or 0))
    return ordered, total, question_count


def round_results(*, user, zelfscan_round: Round, level: str = "city") -> Results:
    """The figures of the round at ``level`` (school, board, district or city), over the scans
    the user may see, each compared with the same group in the previous round."""
    if level not in LEVELS:
        raise ValueError(level)
    groups, total, question_count = _compute(user, zelfscan_round, level)
    previous = zelfscan_round.previous
    reported = None
    if previous is not None:
        previous_groups, previous_total, _count = _compute(user, previous, level)
        by_key = {(g.key, g.name): g for g in previous_groups}
        for group in groups:
            group.previous = by_key.get((group.key, group.name))
        total.previous = previous_total if previous_total.schools else None
        if previous.reported_schools_meeting is not None:
            reported = {
                "schools_meeting": previous.reported_schools_meeting,
                "questions_sufficient": previous.reported_questions_sufficient,
                "source": previous.reported_source,
                "school_year": previous.school_year,
            }
    return Results(
        zelfscan_round=zelfscan_round,
        level=level,
        threshold=zelfscan_round.threshold,
        question_count=question_count,
        groups=groups,
        total=total,
        previous_round=previous,
        reported=reported,
    )


def school_report(*, user, zelfscan_round: Round, school_id: int) -> dict:
    """What the conversation about one school's scan needs (the gesprekswijzer,
    001_28cb0100de53310c.txt:5164): strong aspects and themes, those below the cut, the
    ambitions, and the change since the previous round."""
    school, submission = submission_for(user=user, zelfscan_round=zelfscan_round, school_id=school_id)
    if not may_see_answers(user, submission) or submission.status == Submission.Status.DRAFT:
        raise Http404
    results = round_results(user=user, zelfscan_round=zelfscan_round, level="school")
    group = next((g for g in results.groups if g.key == school.pk), None)
    if group is None:
        raise Http404
    threshold = zelfscan_round.threshold
    below = [f for f in group.aspect_list if f.share is not None and f.share < threshold]
    strong = [f for f in group.aspect_list if f.share is not None and f.share >= threshold]
    insufficient = list(
        submission.answers.filter(score__lt=rules.SUFFICIENT_SCORE)
        .select_related("question__aspect")
        .order_by("question__order")
    )
    return {
        "round": zelfscan_round,
        "school": school,
        "submission": submission,
        "group": group,
        "meets": rules.meets_threshold(group.sufficient, group.questions, threshold),
        "strong": strong,
        "below": below,
        "insufficient_answers": insufficient,
        "ambitions": list(submission.ambitions.order_by("order")),
        "offered_levels": list(submission.offered_levels.select_related("aspect").order_by("aspect__order")),
        "previous": group.previous,
        "previous_round": results.previous_round,
    }


def board_report(*, user, zelfscan_round: Round, board_id: int) -> dict:
    """The board overview: each of its schools in the user's results, with the board's totals
    and those of the previous round."""
    results = round_results(user=user, zelfscan_round=zelfscan_round, level="school")
    schools = set(
        round_schools(zelfscan_round)
        .filter(board_id=board_id)
        .filter(permissions.zelfscan_progress_scope_q(user))
        .values_list("pk", flat=True)
    )
    groups = [group for group in results.groups if group.key in schools]
    if not groups:
        raise Http404
    boards = round_results(user=user, zelfscan_round=zelfscan_round, level="board")
    board = next(group for group in boards.groups if group.key == board_id)
    return {
        "round": zelfscan_round,
        "board": board,
        "schools": groups,
        "threshold": zelfscan_round.threshold,
        "previous_round": results.previous_round,
        "progress": [
            row for row in round_progress(user=user, zelfscan_round=zelfscan_round) if row.school.pk in schools
        ],
    }


# --- Wijkondersteuningsprofiel ----------------------------------------------------------------


@dataclass
class ThemeProfile:
    """For one theme in one district: how many schools are at which level of its
    ondersteuningskaart (each school counted once, at the highest level it reaches), and how
    many named it as an ambition."""

    aspect: Aspect
    questions: int
    below_basisnorm: int = 0
    basisnorm: int = 0
    streefnorm: int = 0
    specialised: int = 0
    ambitions: int = 0

    @property
    def at_least_basisnorm(self) -> int:
        return self.basisnorm + self.streefnorm + self.specialised


@dataclass
class DistrictProfile:
    key: int | None
    name: str
    schools: int = 0
    schools_meeting: int = 0
    school_names: list[str] = field(default_factory=list)
    themes: dict[int, ThemeProfile] = field(default_factory=dict)

    @property
    def share_schools_meeting(self) -> Decimal | None:
        return rules.share(self.schools_meeting, self.schools)

    @property
    def theme_list(self) -> list[ThemeProfile]:
        return sorted(self.themes.values(), key=lambda profile: profile.aspect.order)

    @property
    def share_at_least_basisnorm(self) -> Decimal | None:
        """School-theme pairs at basisnorm or higher, of all pairs (the plot's figure)."""
        pairs = self.schools * len(self.themes)
        return rules.share(sum(profile.at_least_basisnorm for profile in self.themes.values()), pairs)


@dataclass
class DistrictProfiles:
    zelfscan_round: Round
    threshold: Decimal
    districts: list[DistrictProfile]
    total: DistrictProfile


def district_profiles(*, user, zelfscan_round: Round) -> DistrictProfiles:
    """What the PO schools of each district (wijk) offer as basic support, per theme: the
    input for their wijkondersteuningsprofiel (001_28cb0100de53310c.txt:4644-4645, 5442-5445).
    Counts released scans only, whoever asks (the results are the school's until its board
    releases them, 4633-4634), and of those only the ones in the user's results scope. Only
    PO rounds: the WOP is the PO schools' document (404 otherwise)."""
    if zelfscan_round.variant != "po":
        raise Http404
    themes = {a.pk: a for a in round_aspects(zelfscan_round) if a.kind == Aspect.Kind.THEME}
    per_theme: dict[int, int] = {}
    for aspect_id, variants in Question.objects.filter(aspect_id__in=list(themes)).values_list(
        "aspect_id", "variants"
    ):
        if zelfscan_round.variant in variants:
            per_theme[aspect_id] = per_theme.get(aspect_id, 0) + 1
    question_count = len(round_questions(zelfscan_round))
    scans = (
        Submission.objects.filter(round=zelfscan_round, status=Submission.Status.RELEASED)
        .filter(permissions.zelfscan_results_scope_q(user))
        .order_by("school__name", "pk")
    )
    rows = list(scans.values("pk", "school_id", "school__name"))
    sufficient: dict[int, dict[int, int]] = {}
    for row in (
        Answer.objects.filter(submission__in=scans.values("pk"), score__gte=rules.SUFFICIENT_SCORE)
        .values("submission_id", "question__aspect_id")
        .annotate(sufficient=Count("id"))
    ):
        sufficient.setdefault(row["submission_id"], {})[row["question__aspect_id"]] = row["sufficient"]
    offered = {
        (submission_id, aspect_id): level
        for submission_id, aspect_id, level in OfferedLevel.objects.filter(
            submission__in=scans.values("pk")
        ).values_list("submission_id", "aspect_id", "level")
    }
    ambitions = set(
        Submission.ambitions.through.objects.filter(submission_id__in=scans.values("pk")).values_list(
            "submission_id", "aspect_id"
        )
    )
    districts_of = _district_of([row["school_id"] for row in rows])
    districts: dict[tuple, DistrictProfile] = {}
    total = DistrictProfile(key=zelfscan_round.swv_id, name=_("all districts"))
    for row in rows:
        area_id, area_name = districts_of.get(row["school_id"], (None, ""))
        name = area_name or _("no district known")
        district = districts.setdefault((area_id, name), DistrictProfile(key=area_id, name=name))
        by_aspect = sufficient.get(row["pk"], {})
        meets = rules.meets_threshold(sum(by_aspect.values()), question_count, zelfscan_round.threshold)
        for target in (district, total):
            target.schools += 1
            target.schools_meeting += meets
            target.school_names.append(row["school__name"])
        for aspect_id, asked in per_theme.items():
            level = rules.theme_level(
                by_aspect.get(aspect_id, 0), asked, offered.get((row["pk"], aspect_id)), zelfscan_round.threshold
            )
            for target in (district, total):
                profile = target.themes.get(aspect_id)
                if profile is None:
                    profile = target.themes[aspect_id] = ThemeProfile(themes[aspect_id], asked)
                setattr(profile, level, getattr(profile, level) + 1)
                profile.ambitions += (row["pk"], aspect_id) in ambitions
    ordered = sorted(districts.values(), key=lambda d: (d.key is None, d.name.lower()))
    return DistrictProfiles(
        zelfscan_round=zelfscan_round, threshold=zelfscan_round.threshold, districts=ordered, total=total
    )
