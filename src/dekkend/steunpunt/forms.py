"""Forms of the steunpunt pages. Sizes are limited; a bad value gets a Dutch message and the form
keeps what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import AbsenceKind, Asker, Channel, Question, SurveyAudience, Theme, ThuiszitterReason

TEXT_MAX = 5000


class PublicQuestionForm(forms.Form):
    """The public question form (no sign-in). ``website`` is a honeypot: hidden from people,
    bots fill it in."""

    asker = forms.ChoiceField(label=_("Who are you?"), choices=Asker.choices, widget=forms.RadioSelect)
    theme = forms.ChoiceField(label=_("What is your question about?"), choices=Theme.choices)
    text = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Do not write the name of your child. At most 5000 characters."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Your phone number"), max_length=30, required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 10 or any(c not in "0123456789+-() " for c in phone)):
            raise forms.ValidationError(_("Write a phone number of at least 10 digits."))
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give your e-mail address or your phone number, so we can answer you."))
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class IntakeForm(forms.Form):
    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), coerce=int)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    asker = forms.ChoiceField(label=_("Asked by"), choices=Asker.choices)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Question.Urgency.choices)
    text = forms.CharField(label=_("Question"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args, swvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].choices = [(swv.pk, swv.name) for swv in swvs]


class AnswerForm(forms.Form):
    steps_taken = forms.CharField(
        label=_("Steps taken"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer = forms.CharField(label=_("Answer"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    follow_up = forms.CharField(
        label=_("Follow-up"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    wanted_result = forms.TypedChoiceField(
        label=_("Did the asker reach the wanted result?"),
        choices=[("", _("not known yet")), ("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )


class CallbackForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Call back at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
    )


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Per"), choices=[("quarter", _("quarter")), ("month", _("month"))], required=False
    )


# --- Thuiszitters and escalations (staff) ---------------------------------------------------

DATE_WIDGET = {"type": "date"}


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Write a date as dd-mm-yyyy.")},
    )


def _text(label, max_length=TEXT_MAX, required=True, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
    )


class SwvChoiceMixin:
    """An SWV field when the user works for more than one; otherwise the only one is used."""

    def set_swvs(self, swvs) -> None:
        swvs = list(swvs)
        self.fields["swv"].choices = [(swv.pk, swv.name) for swv in swvs]
        if len(swvs) == 1:
            self.fields["swv"].initial = swvs[0].pk
            self.fields["swv"].widget = forms.HiddenInput()


class ThuiszitterForm(SwvChoiceMixin, forms.Form):
    """Register a (threatened) thuiszitter with the shared definitions (docs/steunpunt.md)."""

    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), coerce=int)
    pupil_number = forms.CharField(
        label=_("Pupil number"),
        max_length=20,
        help_text=_("The pupil number as the school knows it."),
        error_messages={"required": _("Write the pupil number.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of absence"),
        choices=AbsenceKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Relative absence counts as a thuiszitter from the 29th day of absence (more than four weeks); "
            "before that as a threatened thuiszitter."
        ),
    )
    absent_since = _date(_("Absent since"), required=False, help_text=_("Empty when the pupil still goes to school."))
    reported_on = _date(_("Reported on"))
    reason = forms.ChoiceField(label=_("Reason"), choices=ThuiszitterReason.choices)
    plan = _text(_("Plan"), required=False, rows=4)
    responsible_name = forms.CharField(
        label=_("Responsible person (name and organisation)"),
        max_length=200,
        required=False,
        help_text=_("Empty: you are responsible."),
    )
    next_follow_up = _date(_("Next follow-up"), required=False)

    def __init__(self, *args, swvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_swvs(swvs)


class ThuiszitterPlanForm(forms.Form):
    plan = _text(_("Plan"), required=False, rows=4)
    responsible_name = forms.CharField(
        label=_("Responsible person (name and organisation)"),
        max_length=200,
        required=False,
        help_text=_("Empty: you are responsible."),
    )
    next_follow_up = _date(_("Next follow-up"), required=False)


class FollowUpForm(forms.Form):
    done_on = _date(_("Follow-up done on"))
    note = _text(_("What was done and agreed"), rows=3)
    next_follow_up = _date(_("Next follow-up"), required=False)


class ThuiszitterEndForm(forms.Form):
    ended_on = _date(_("Back in education (or ended) on"))
    end_note = _text(_("How it ended"), max_length=500, rows=2)


class EscalationForm(SwvChoiceMixin, forms.Form):
    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), coerce=int)
    school = forms.TypedChoiceField(label=_("School"), coerce=int, empty_value=None, required=False)
    pupil_number = forms.CharField(
        label=_("Pupil number (optional)"),
        max_length=20,
        required=False,
        help_text=_("Only when a pupil is involved."),
    )
    subject = forms.CharField(
        label=_("The impasse"),
        max_length=300,
        help_text=_("What is stuck? Do not write the name of the pupil."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    level = forms.TypedChoiceField(
        label=_("Level of the ladder"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Empty: the lowest level."),
    )
    breakthrough_officer = forms.CharField(label=_("Doorbraakfunctionaris"), max_length=200, required=False)

    def __init__(self, *args, swvs, schools, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_swvs(swvs)
        self.fields["school"].choices = [("", _("— no school —"))] + [(s.pk, s.name) for s in schools]
        several = len({level.swv_id for level in levels}) > 1
        self.fields["level"].choices = [("", _("— the lowest level —"))] + [
            (level.pk, f"{level.swv.name}: {level}" if several else str(level)) for level in levels
        ]


class EscalationRaiseForm(forms.Form):
    reason = _text(_("Why does the case go up a level?"), max_length=2000, rows=3)


class EscalationSolveForm(forms.Form):
    solution = _text(_("The solution"), rows=3)


# --- Satisfaction surveys -------------------------------------------------------------------


class SurveyRoundForm(SwvChoiceMixin, forms.Form):
    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), coerce=int)
    audience = forms.ChoiceField(label=_("Send to"), choices=SurveyAudience.choices, widget=forms.RadioSelect)
    period_start = _date(_("Decisions (parents) or applications (schools) from"))
    period_end = _date(_("until"))
    link_days = forms.IntegerField(
        label=_("Days a link stays valid"),
        min_value=1,
        max_value=rules.SURVEY_LINK_DAYS_MAX,
        initial=rules.SURVEY_LINK_DAYS_DEFAULT,
    )

    def __init__(self, *args, swvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_swvs(swvs)


class SurveyAnswerForm(forms.Form):
    """The public answer form: one question per statement, 1 to 5 or "I don't know" (no answer)."""

    def __init__(self, *args, audience: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(score), label) for score, label in rules.SURVEY_SCALE_LABELS.items()]
        choices.append(("", _("I don't know")))
        for code, label in rules.SURVEY_STATEMENTS[audience]:
            self.fields[code] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def scores(self) -> dict[str, int | None]:
        return dict(self.cleaned_data)
