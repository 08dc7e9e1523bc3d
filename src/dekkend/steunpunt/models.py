"""Steunpunt and oplossingsroutes: the register of (threatened) thuiszitters, escalations with
the doorbraakfunctionaris' impasse clock, and the questions of parents, youth and professionals.

Every row belongs to one samenwerkingsverband. The rules live in :mod:`dekkend.steunpunt.rules`
(each citing its seed line), the writes in :mod:`dekkend.steunpunt.services`, the reads and
figures in :mod:`dekkend.steunpunt.selectors`. ``docs/steunpunt.md`` maps every rule.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import School, Swv
from dekkend.pupils.models import Pupil

# --- Thuiszitters ---------------------------------------------------------------------------


class AbsenceKind(models.TextChoices):
    """How the pupil is absent, in the terms of the Leerplichtwet (national, not from the seeds)."""

    ABSOLUUT = "absoluut", _("absolute absence (not enrolled at any school)")
    RELATIEF = "relatief", _("relative absence (enrolled, absent without permission)")
    DREIGEND = "dreigend", _("threatened (still at school, at risk of staying home)")


class ThuiszitterReason(models.TextChoices):
    """Coded reasons (our list; the seeds name none), so the top reasons can be counted."""

    NO_FITTING_OFFER = "geen_passend_aanbod", _("no fitting offer of education")
    WAITING_FOR_PLACE = "wachten_op_plek", _("waiting for a place (waiting list)")
    HEALTH = "gezondheid", _("physical or mental health")
    BEHAVIOUR = "gedrag", _("behaviour, suspension or removal")
    SCHOOL_REFUSAL = "schoolweigering", _("school refusal or anxiety")
    HOME_SITUATION = "thuissituatie", _("home situation")
    CARE_NOT_AVAILABLE = "jeugdhulp", _("youth care not available in time")
    OTHER = "overig", _("other")


class Thuiszitter(models.Model):
    """A (threatened) thuiszitter: a pupil of compulsory school age without (enough) education.

    Whether the case counts as a thuiszitter on a day follows from the shared definitions in
    :func:`dekkend.steunpunt.rules.thuiszitter_category` (enrolled or not, absent since when).
    """

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="thuiszitters", verbose_name=_("samenwerkingsverband"))
    pupil = models.ForeignKey(Pupil, models.PROTECT, related_name="thuiszitter_cases", verbose_name=_("pupil"))
    school = models.ForeignKey(
        School,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="thuiszitter_cases",
        verbose_name=_("school"),
        help_text=_("The school of enrolment; empty for absolute absence."),
    )
    kind = models.CharField(_("kind of absence"), max_length=10, choices=AbsenceKind.choices)
    absent_since = models.DateField(_("absent since"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"))
    reason = models.CharField(_("reason"), max_length=30, choices=ThuiszitterReason.choices)
    plan = models.TextField(_("plan"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    responsible_name = models.CharField(_("responsible person (name and organisation)"), max_length=200, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("how it ended"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["swv", "reported_on"], name="thuiszitter_swv_reported_idx"),
            models.Index(fields=["school", "id"], name="thuiszitter_school_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("reported_on")),
                name="thuiszitter_ended_after_reported",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def clean(self) -> None:
        if self.pupil_id and self.swv_id and self.pupil.swv_id != self.swv_id:
            raise ValidationError({"pupil": _("The pupil must belong to the samenwerkingsverband.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.kind != AbsenceKind.ABSOLUUT and not self.school_id:
            raise ValidationError({"school": _("An enrolled pupil needs the school of enrolment.")})
        if self.absent_since and self.reported_on and self.absent_since > self.reported_on:
            raise ValidationError({"absent_since": _("The absence cannot start after the report.")})
        if self.ended_on and self.reported_on and self.ended_on < self.reported_on:
            raise ValidationError({"ended_on": _("The end cannot be before the report.")})

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class ThuiszitterFollowUp(models.Model):
    """A follow-up moment of a thuiszitter's plan: planned on a date, done with a note."""

    thuiszitter = models.ForeignKey(
        Thuiszitter, models.CASCADE, related_name="follow_ups", verbose_name=_("thuiszitter")
    )
    planned_on = models.DateField(_("planned on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["thuiszitter", "planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.planned_on}"


# --- Escalations (oplossingsroutes) ---------------------------------------------------------


class EscalationLevel(models.Model):
    """One step of an SWV's escalatieladder ("oplossingsroutes"): who and which meeting has the
    mandate at that level. Data per SWV, so each SWV keeps its own ladder up to date
    (001_28cb0100de53310c.txt:1627-1631)."""

    swv = models.ForeignKey(
        Swv, models.CASCADE, related_name="escalation_levels", verbose_name=_("samenwerkingsverband")
    )
    order = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    functions = models.CharField(_("functions"), max_length=500, blank=True, help_text=_("Who acts at this level."))
    meetings = models.CharField(_("meetings"), max_length=500, blank=True, help_text=_("E.g. ITA, ATA."))
    mandate = models.TextField(_("mandate"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("Seed file and line."))

    class Meta:
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation levels")
        ordering = ["swv", "order"]
        constraints = [models.UniqueConstraint(fields=["swv", "order"], name="escalation_level_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Escalation(models.Model):
    """A case that got stuck (an impasse), on a level of the ladder, with the doorbraakfunctionaris'
    clock running from ``opened_at`` to ``solved_at``. ``subject`` describes the impasse without
    naming the pupil; the pupil link is optional."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="escalations", verbose_name=_("samenwerkingsverband"))
    school = models.ForeignKey(
        School, models.PROTECT, null=True, blank=True, related_name="escalations", verbose_name=_("school")
    )
    pupil = models.ForeignKey(
        Pupil, models.PROTECT, null=True, blank=True, related_name="escalations", verbose_name=_("pupil")
    )
    subject = models.CharField(_("impasse"), max_length=300)
    level = models.ForeignKey(EscalationLevel, models.PROTECT, related_name="+", verbose_name=_("level"))
    breakthrough_officer = models.CharField(_("doorbraakfunctionaris"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("impasse reported at"))
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    solution = models.TextField(_("solution"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["swv", "opened_at"], name="escalation_swv_opened_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(solved_at__isnull=True) | models.Q(solved_at__gte=models.F("opened_at")),
                name="escalation_solved_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.level})"

    def clean(self) -> None:
        if self.level_id and self.swv_id and self.level.swv_id != self.swv_id:
            raise ValidationError({"level": _("The level must belong to the ladder of the samenwerkingsverband.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.pupil_id and self.swv_id and self.pupil.swv_id != self.swv_id:
            raise ValidationError({"pupil": _("The pupil must belong to the samenwerkingsverband.")})
        if self.solved_at and self.opened_at and self.solved_at < self.opened_at:
            raise ValidationError({"solved_at": _("The solution cannot come before the impasse.")})


class EscalationStep(models.Model):
    """The case went up (or was placed on) a level, with the reason."""

    escalation = models.ForeignKey(Escalation, models.CASCADE, related_name="steps", verbose_name=_("escalation"))
    from_level = models.ForeignKey(
        EscalationLevel, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("from level")
    )
    to_level = models.ForeignKey(EscalationLevel, models.PROTECT, related_name="+", verbose_name=_("to level"))
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ["escalation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.to_level}"


# --- Steunpunt: the information point and its questions -------------------------------------


class SteunpuntProfile(models.Model):
    """What the public pages say about an SWV's steunpunt: name, how to reach it, where each fact
    comes from. Data, so that no page invents facts about an SWV."""

    swv = models.OneToOneField(Swv, models.CASCADE, related_name="steunpunt", verbose_name=_("samenwerkingsverband"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    about = models.TextField(_("about the steunpunt"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Seed file and line."))

    class Meta:
        verbose_name = _("steunpunt profile")
        verbose_name_plural = _("steunpunt profiles")

    def __str__(self) -> str:
        return self.name


class ParentHours(models.Model):
    """A time slot of the parents' hours (ouderspreekuur); call-backs are planned inside them
    (001_28cb0100de53310c.txt:3246-3252)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    swv = models.ForeignKey(Swv, models.CASCADE, related_name="parent_hours", verbose_name=_("samenwerkingsverband"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("parents' hours")
        verbose_name_plural = _("parents' hours")
        ordering = ["swv", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="parent_hours_ends_after_starts"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    WEB = "web", _("web form")
    MAIL = "mail", _("e-mail")


class Asker(models.TextChoices):
    PARENT = "parent", _("parent or carer")
    YOUTH = "youth", _("young person")
    PROFESSIONAL = "professional", _("professional")


class Theme(models.TextChoices):
    """Coded themes (ours), after the website topics of 001_28cb0100de53310c.txt:3254-3264."""

    CHOOSE_SCHOOL = "school_kiezen", _("finding a school")
    EXTRA_SUPPORT = "extra_ondersteuning", _("extra support at school")
    SPECIAL_EDUCATION = "speciaal_onderwijs", _("special education or a TLV")
    DISAGREEMENT = "onenigheid", _("disagreement with the school")
    THUISZITTEN = "thuiszitten", _("child at home without school")
    TRANSITION = "overstap", _("moving to another school or to secondary school")
    YOUTH_CARE = "jeugdhulp", _("youth care and health")
    OTHER = "overig", _("other")


class Question(models.Model):
    """A question to the steunpunt, by phone, web form or e-mail. The link to a school or pupil is
    made only when the asker's consent is recorded."""

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        URGENT = "urgent", _("urgent")

    swv = models.ForeignKey(
        Swv, models.PROTECT, related_name="steunpunt_questions", verbose_name=_("samenwerkingsverband")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    asker = models.CharField(_("asked by"), max_length=15, choices=Asker.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    text = models.TextField(_("question"), max_length=5000)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    consent_on = models.DateField(_("consent to link recorded on"), null=True, blank=True)
    school = models.ForeignKey(
        School, models.PROTECT, null=True, blank=True, related_name="steunpunt_questions", verbose_name=_("school")
    )
    pupil = models.ForeignKey(
        Pupil, models.PROTECT, null=True, blank=True, related_name="steunpunt_questions", verbose_name=_("pupil")
    )
    steps_taken = models.TextField(_("steps taken"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    wanted_result = models.BooleanField(_("reached the wanted result"), null=True, blank=True)
    callback_at = models.DateTimeField(_("call-back appointment"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["swv", "received_at"], name="question_swv_received_idx")]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} #{self.pk}"

    def clean(self) -> None:
        if (self.school_id or self.pupil_id) and not self.consent_on:
            raise ValidationError({"consent_on": _("Link a school or pupil only with recorded consent.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.pupil_id and self.swv_id and self.pupil.swv_id != self.swv_id:
            raise ValidationError({"pupil": _("The pupil must belong to the samenwerkingsverband.")})
        if self.answered_at and self.received_at and self.answered_at < self.received_at:
            raise ValidationError({"answered_at": _("The answer cannot come before the question.")})

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


# --- Satisfaction surveys -------------------------------------------------------------------


class SurveyAudience(models.TextChoices):
    """Plein 013 asks both (004_1b42683098db768b.txt:89, 108)."""

    PARENTS = "parents", _("parents of pupils with a TLV or arrangement")
    SCHOOLS = "schools", _("schools that applied")


class SurveyRound(models.Model):
    """One round of a satisfaction survey for one audience of one SWV: the invitations are made
    when the round is sent; the answers are stored without any link to an invitation."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="survey_rounds", verbose_name=_("samenwerkingsverband"))
    audience = models.CharField(_("audience"), max_length=10, choices=SurveyAudience.choices)
    period_start = models.DateField(_("decisions or applications from"))
    period_end = models.DateField(_("decisions or applications until"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("links valid until"))
    invited = models.PositiveIntegerField(_("invitations"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="survey_round_period_order"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("sent_at")), name="survey_round_expires_after_sent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()} {self.sent_at:%d-%m-%Y}"


class SurveyInvitation(models.Model):
    """A one-time link of a round. Only the SHA-256 of the random token is stored; the recipient
    (a pupil's parents or a school) is cleared the moment the link is used, so no answer can be
    traced back to whom it came from."""

    round = models.ForeignKey(SurveyRound, models.CASCADE, related_name="invitations", verbose_name=_("round"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    pupil = models.ForeignKey(
        Pupil, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pupil (parents)")
    )
    school = models.ForeignKey(
        School, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class SurveyResponse(models.Model):
    """One anonymous set of answers: the round only -- no invitation, recipient, time or address."""

    round = models.ForeignKey(SurveyRound, models.CASCADE, related_name="responses", verbose_name=_("round"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.round}"


class SurveyAnswer(models.Model):
    """The score (1 = fully disagree … 5 = fully agree) on one statement of the survey."""

    response = models.ForeignKey(SurveyResponse, models.CASCADE, related_name="answers", verbose_name=_("response"))
    statement = models.CharField(_("statement"), max_length=30)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="survey_answer_score_1_5"),
            models.UniqueConstraint(fields=["response", "statement"], name="survey_answer_unique_statement"),
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.score}"
