"""Forms of the steunpunt pages. Sizes are limited; a bad value gets a Dutch message and the form
keeps what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Asker, Channel, Question, Theme

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
