"""Basisondersteuning: the Almeerse Norm Basisondersteuning (ANB) as versioned data, and the
zelfscan with which schools measure themselves against it.

A ``NormVersion`` holds the aspects, protocols and themes (``Aspect``), the levels of the
ondersteuningskaart (``CardLevel``) and the questions. A new version is a new row: a round
keeps the version it was opened with, so old results stay readable. No pupil data here.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Variant(models.TextChoices):
    """Which schools a question or a round is for."""

    PO = "po", _("primary schools (PO)")
    VO = "vo", _("secondary schools (VO)")
    SV = "sv", _("stedelijke voorzieningen")


class Score(models.IntegerChoices):
    """The answer scale; 3 (voldoende) is the cut (002_db4167b82468325d.txt:158-161)."""

    INSUFFICIENT = 1, _("1 — insufficient: not in place")
    PARTLY = 2, _("2 — partly: in place in part of the school")
    SUFFICIENT = 3, _("3 — sufficient (voldoende)")
    GOOD = 4, _("4 — good: in place and secured")


SUFFICIENT = Score.SUFFICIENT


class NormVersion(models.Model):
    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("published on"))
    source = models.CharField(_("source"), max_length=200)
    variants = models.JSONField(_("variants"), default=list)
    knowledge_card = models.JSONField(_("kenniskaart"), default=dict, blank=True)

    class Meta:
        verbose_name = _("norm version")
        verbose_name_plural = _("norm versions")
        ordering = ["code", "-published_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="normversion_unique")]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class CardLevel(models.Model):
    """A level of the ondersteuningskaart: 1-2 basisnorm, 3 streefnorm, 4 gespecialiseerd."""

    class Norm(models.TextChoices):
        BASIC = "basisnorm", _("basisnorm")
        TARGET = "streefnorm", _("streefnorm")
        SPECIALISED = "gespecialiseerd", _("specialised support")

    norm_version = models.ForeignKey(NormVersion, models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    norm = models.CharField(_("norm"), max_length=20, choices=Norm.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("support card level")
        verbose_name_plural = _("support card levels")
        ordering = ["norm_version", "level"]
        constraints = [models.UniqueConstraint(fields=["norm_version", "level"], name="cardlevel_unique")]

    def __str__(self) -> str:
        return f"{self.level}. {self.title}"


class Aspect(models.Model):
    """One part of the norm: an aspect of chapter 2, a statutory protocol or an Almere theme."""

    class Kind(models.TextChoices):
        ASPECT = "aspect", _("aspect")
        PROTOCOL = "protocol", _("statutory protocol")
        THEME = "theme", _("theme")

    norm_version = models.ForeignKey(NormVersion, models.CASCADE, related_name="aspects")
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    variants = models.JSONField(_("variants"), default=list)
    order = models.PositiveSmallIntegerField(_("order"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("aspect or theme")
        verbose_name_plural = _("aspects and themes")
        ordering = ["norm_version", "order"]
        constraints = [models.UniqueConstraint(fields=["norm_version", "code"], name="aspect_unique_code")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question of the zelfscan: a norm statement, quoted from its source line."""

    aspect = models.ForeignKey(Aspect, models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=80)
    text = models.TextField(_("text"))
    quote = models.TextField(_("quote from the source"))
    source = models.CharField(_("source"), max_length=200)
    level = models.PositiveSmallIntegerField(_("card level"), null=True, blank=True)
    variants = models.JSONField(_("variants"), default=list)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["aspect", "code"], name="question_unique_code")]

    def __str__(self) -> str:
        return self.text


class Round(models.Model):
    """A zelfscan round of an SWV for one variant (PO, VO or the stedelijke voorzieningen)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    swv = models.ForeignKey(
        "organisations.Swv", models.PROTECT, related_name="zelfscan_rounds", verbose_name=_("samenwerkingsverband")
    )
    norm_version = models.ForeignKey(NormVersion, models.PROTECT, related_name="rounds", verbose_name=_("norm"))
    variant = models.CharField(_("for"), max_length=2, choices=Variant.choices)
    school_year = models.CharField(_("school year"), max_length=9)
    title = models.CharField(_("title"), max_length=200)
    threshold = models.DecimalField(
        _("threshold (percentage of questions voldoende or better)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("85"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    opened_on = models.DateField(_("opened on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("compared with")
    )
    # The figures published for this round (e.g. the 0-meting), when they exist.
    reported_schools_meeting = models.DecimalField(
        _("published share of schools meeting the norm"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    reported_questions_sufficient = models.DecimalField(
        _("published share of questions voldoende or better"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    reported_source = models.CharField(_("source of the published figures"), max_length=200, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("opened by")
    )

    class Meta:
        verbose_name = _("zelfscan round")
        verbose_name_plural = _("zelfscan rounds")
        ordering = ["swv", "-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "variant", "school_year"], name="round_unique_per_year"),
        ]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """One school's answers in a round. They stay the school's (and its board's) until the
    board releases them to the SWV."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted to the board")
        RELEASED = "released", _("released to the samenwerkingsverband")

    round = models.ForeignKey(Round, models.PROTECT, related_name="submissions", verbose_name=_("round"))
    school = models.ForeignKey(
        "organisations.School", models.PROTECT, related_name="zelfscan_submissions", verbose_name=_("school")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    ambitions = models.ManyToManyField(
        Aspect, blank=True, related_name="+", verbose_name=_("ambitions (themes towards the streefnorm)")
    )
    comment = models.TextField(_("comment"), blank=True, max_length=10000)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )

    class Meta:
        verbose_name = _("zelfscan submission")
        verbose_name_plural = _("zelfscan submissions")
        ordering = ["round", "school__name"]
        constraints = [models.UniqueConstraint(fields=["round", "school"], name="submission_unique_per_school")]
        indexes = [models.Index(fields=["round", "status"], name="submission_round_status_idx")]

    def __str__(self) -> str:
        return f"{self.school} — {self.round}"


class Answer(models.Model):
    submission = models.ForeignKey(Submission, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("answer"), choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="answer_unique_per_question"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="answer_score_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"


class OfferedLevel(models.Model):
    """For one theme, the level of the ondersteuningskaart beyond the basis that the school
    says it offers: 3 (extra, aanvullende ondersteuning: the streefnorm) or 4 (extra,
    gespecialiseerde ondersteuning) (001_28cb0100de53310c.txt:5082-5106). No row: the basis
    (levels 1-2) only. Counted in the wijkondersteuningsprofiel only when the school meets the
    basisnorm of the theme."""

    class Level(models.IntegerChoices):
        TARGET = 3, _("3 — extra support (aanvullend): streefnorm")
        SPECIALISED = 4, _("4 — extra specialised support (gespecialiseerd)")

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="offered_levels")
    aspect = models.ForeignKey(Aspect, models.PROTECT, related_name="+", verbose_name=_("theme"))
    level = models.PositiveSmallIntegerField(_("level offered"), choices=Level.choices)

    class Meta:
        verbose_name = _("level offered for a theme")
        verbose_name_plural = _("levels offered for themes")
        constraints = [
            models.UniqueConstraint(fields=["submission", "aspect"], name="offeredlevel_unique_per_theme"),
            models.CheckConstraint(condition=models.Q(level__gte=3, level__lte=4), name="offeredlevel_3_or_4"),
        ]

    def __str__(self) -> str:
        return f"{self.aspect_id}: {self.level}"
