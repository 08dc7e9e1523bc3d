"""Sessions in the database (Django's own), read with a prepared statement.

Every signed-in page starts by reading its session; building that query with the ORM cost
more than the database's answer (``dekkend.core.prepared``). Writes stay Django's.
Configured as ``SESSION_ENGINE = "dekkend.accounts.sessions"``.
"""

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from dekkend.core.prepared import PreparedRead

_SESSION_DATA = PreparedRead(
    Session,
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).values_list("session_data"),
    str,
    datetime.datetime,
)


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict:
        """As Django's: the unexpired session's data, or an empty session that forgets its key."""
        rows = _SESSION_DATA.rows(self.session_key, timezone.now()) if self.session_key else []
        if rows:
            return self.decode(rows[0][0])
        self._session_key = None
        return {}
