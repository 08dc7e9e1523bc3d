from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .validators import DEMO_PASSWORD


def demo_is_refused() -> bool:
    return settings.DEKKEND_ENV == "production"


class DekkendModelBackend(ModelBackend):
    """Django's backend, except that on a production installation demo accounts and the
    public demo password never sign in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if demo_is_refused() and password == DEMO_PASSWORD:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user) -> bool:
        if demo_is_refused() and getattr(user, "is_demo", False):
            return False
        return super().user_can_authenticate(user)
