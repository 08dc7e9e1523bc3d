"""Receivers for sign-in events."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from dekkend.core.middleware import session_mark_started


@receiver(user_logged_in, dispatch_uid="dekkend_session_started")
def mark_session_start(sender, request, user, **kwargs) -> None:
    """The absolute session timeout counts from the moment of sign-in."""
    if request is not None and hasattr(request, "session"):
        session_mark_started(request.session)
