"""Every API error is JSON with a Dutch message (the request's language; Dutch by default).

DRF already turns its own exceptions, Django's ``Http404`` and ``PermissionDenied`` into
404/403 with translated messages. Added here: Django's ``ValidationError`` raised by a service
becomes a 400 with field errors, and the throttling message gets a proper translation.
"""

import math

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return exceptions.ValidationError(detail)


def _translated_throttled(exc: exceptions.Throttled) -> exceptions.Throttled:
    seconds = max(1, math.ceil(exc.wait or 0))
    message = ngettext(
        "Too many requests. Try again in %(wait)d second.",
        "Too many requests. Try again in %(wait)d seconds.",
        seconds,
    ) % {"wait": seconds}
    replacement = exceptions.Throttled(detail=message)
    replacement.wait = exc.wait  # keeps the Retry-After header
    return replacement


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, exceptions.Throttled):
        exc = _translated_throttled(exc)
    return drf_exception_handler(exc, context)
