from django import template

from dekkend.web.selectors import suppress_small

register = template.Library()


@register.filter
def pupil_count(value: int, exact: bool) -> str:
    """A pupil count as this user may see it: exact, or with numbers under 5 shown as "<5"."""
    return str(value) if exact else suppress_small(value)


@register.filter
def age_today(pupil, today) -> int:
    return pupil.age_on(today)
