"""A prepared read answers exactly as the ORM query it was built from, with each call's values."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dekkend.accounts.models import User
from dekkend.accounts.tests.factories import UserFactory
from dekkend.core.prepared import PreparedRead

pytestmark = pytest.mark.django_db

USERS_BY_NAME = PreparedRead(
    User,
    lambda name, joined_after: User.objects.filter(username=name, date_joined__gt=joined_after).values_list(
        "pk", "is_active", "date_joined"
    ),
    str,
    datetime.datetime,
)


class PreparedReadTests:
    def test_rows_equal_the_orm_querys_rows_converted_for_each_calls_values(self):
        ann, bob = UserFactory(username="ann"), UserFactory(username="bob", is_active=False)
        long_ago = timezone.now() - datetime.timedelta(days=1)
        for user in (ann, bob):
            expected = list(
                User.objects.filter(username=user.username, date_joined__gt=long_ago).values_list(
                    "pk", "is_active", "date_joined"
                )
            )
            assert USERS_BY_NAME.rows(user.username, long_ago) == expected
        pk, is_active, joined = USERS_BY_NAME.rows("bob", long_ago)[0]
        assert (pk, is_active, joined) == (bob.pk, False, bob.date_joined)
        assert isinstance(is_active, bool)  # converted as the ORM converts (SQLite stores 0/1)
        assert isinstance(joined, datetime.datetime)

    def test_a_datetime_value_is_compared_as_the_field_compares_it(self):
        user = UserFactory(username="carla")
        assert USERS_BY_NAME.rows("carla", user.date_joined - datetime.timedelta(microseconds=1))
        assert USERS_BY_NAME.rows("carla", user.date_joined) == []

    def test_no_match_gives_no_rows(self):
        assert USERS_BY_NAME.rows("nobody", timezone.now() - datetime.timedelta(days=1)) == []

    def test_one_statement_per_call_and_the_orm_compiles_only_the_first_time(self, monkeypatch):
        from django.db.models.sql.compiler import SQLCompiler

        UserFactory(username="dirk")
        since = timezone.now() - datetime.timedelta(days=1)
        prepared = PreparedRead(User, lambda name: User.objects.filter(username=name).values_list("pk"), str)
        prepared.rows("dirk")
        compiled = []
        original = SQLCompiler.as_sql
        monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
        with CaptureQueriesContext(connection) as captured:
            assert len(prepared.rows("dirk")) == 1
            assert prepared.rows("eva") == []
        assert len(captured) == 2
        assert compiled == []
        assert USERS_BY_NAME.rows("dirk", since)

    def test_a_value_the_lookup_rewrites_cannot_be_prepared(self):
        by_part = PreparedRead(User, lambda name: User.objects.filter(username__icontains=name).values_list("pk"), str)
        with pytest.raises(ImproperlyConfigured):
            by_part.rows("an")


class SessionReadTests:
    """The session store's read (accounts/sessions.py) keeps Django's meaning."""

    def test_an_unexpired_session_loads_and_an_expired_one_is_forgotten(self):
        from dekkend.accounts.sessions import SessionStore

        store = SessionStore()
        store["colour"] = "blue"
        store.create()
        assert SessionStore(session_key=store.session_key).load() == {"colour": "blue"}
        Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now())
        expired = SessionStore(session_key=store.session_key)
        assert expired.load() == {}
        assert expired.session_key is None
