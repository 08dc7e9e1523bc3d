"""Reads that (nearly) every request sends, built and compiled by the ORM once per database.

Building and compiling a queryset costs Django 0.3-0.8 ms of Python; the database answers a
lookup by key in a tenth of that. For the few statements every request sends -- the session,
the signed-in user, the API token, a user's access grants -- a :class:`PreparedRead` lets the
ORM build the statement once per database with marker values and then sends that SQL with
each call's own values in the markers' places, converting the rows as the ORM would.

Only plain comparisons qualify: each value must reach the SQL as one parameter, unchanged or
adapted as a field of its type (a lookup that rewrites it, such as ``__icontains``, cannot be
prepared and says so on first use).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.db.models import Model, QuerySet

# A marker per parameter position and type: values no real row holds, inside the ranges the
# ORM lets through (an out-of-range integer makes a lookup match nothing without SQL).
_MARKERS: dict[type, Callable[[int], object]] = {
    int: lambda position: -2_000_000_000 + position,
    str: lambda position: f"\x00prepared-read-{position}\x00",
    datetime.datetime: lambda position: datetime.datetime(1901, 1, 1, 0, 0, position, 1, tzinfo=datetime.UTC),
}


def _adapter(value_type: type, connection) -> Callable[[object], object]:
    """How a value of the type reaches the database driver (as a field of that type would)."""
    if value_type is datetime.datetime:
        return connection.ops.adapt_datetimefield_value
    return lambda value: value


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]  # (parameter index, value index)
    adapters: tuple[Callable[[object], object], ...]  # per value
    converters: Callable[[list], list]


class PreparedRead:
    """``PreparedRead(Model, build, int, str)``: ``build(a, b)`` returns a queryset of the model
    (typically a ``values_list``); ``rows(1, "x")`` runs its SQL with those values and returns
    the rows as the queryset would (converted), as tuples."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet], *value_types: type) -> None:
        self._model = model
        self._build = build
        self._value_types = value_types
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, alias: str) -> _Compiled:
        connection = connections[alias]
        adapters = tuple(_adapter(value_type, connection) for value_type in self._value_types)
        markers = [_MARKERS[value_type](position) for position, value_type in enumerate(self._value_types)]
        queryset = self._build(*markers)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        adapted_markers = [adapt(marker) for adapt, marker in zip(adapters, markers, strict=True)]
        slots = tuple(
            (index, adapted_markers.index(param))
            for index, param in enumerate(params)
            if any(param == marker and type(param) is type(marker) for marker in adapted_markers)
        )
        if {value for _index, value in slots} != set(range(len(markers))):
            raise ImproperlyConfigured(f"{self._build!r}: every value must reach the SQL as one plain parameter.")
        fields = [column for column, _info, _alias in compiler.select]
        converters = compiler.get_converters(fields)

        def convert(rows: list) -> list:
            return [tuple(row) for row in compiler.apply_converters(rows, converters)] if converters else rows

        return _Compiled(sql, tuple(params), slots, adapters, convert)

    def rows(self, *values) -> list[tuple]:
        alias = router.db_for_read(self._model)
        compiled = self._compiled.get(alias) or self._compiled.setdefault(alias, self._compile(alias))
        params = list(compiled.params)
        for index, value_index in compiled.slots:
            params[index] = compiled.adapters[value_index](values[value_index])
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled.converters(cursor.fetchall())
