from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from dekkend.core.prepared import PreparedRead

from .models import User
from .validators import DEMO_PASSWORD

USER_COLUMNS = tuple(field.attname for field in User._meta.concrete_fields)
# Every signed-in page reads its user: prepared, as the ORM would build it (core/prepared.py).
_USER_BY_ID = PreparedRead(User, lambda pk: User.objects.filter(pk=pk).values_list(*USER_COLUMNS), int)


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

    def get_user(self, user_id):
        """As Django's ``ModelBackend.get_user``, with the read prepared."""
        rows = _USER_BY_ID.rows(user_id)
        if not rows:
            return None
        user = User.from_db(User.objects.db, USER_COLUMNS, rows[0])
        return user if self.user_can_authenticate(user) else None
