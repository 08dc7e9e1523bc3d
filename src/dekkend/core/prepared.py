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
    converters: tuple[tuple[int, tuple, object], ...]  # (column, converter functions, expression)


class PreparedRead:
    """``PreparedRead(Model, build, int, str)``: ``build(a, b)`` returns a queryset of the model
    (typically a ``values_list``); ``rows(1, "x")`` runs its SQL with those values and returns
    the rows as the queryset would (converted), as tuples. Each thread sends it on its own
    connection; what is kept per database (SQL, parameter places, converters) holds no
    connection."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet], *value_types: type) -> None:
        self._model = model
        self._build = build
        self._value_types = value_types
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, alias: str) -> _Compiled:
        connection = connections[alias]
        markers = [_MARKERS[value_type](position) for position, value_type in enumerate(self._value_types)]
        adapted_markers = [
            _adapter(value_type, connection)(marker)
            for value_type, marker in zip(self._value_types, markers, strict=True)
        ]
        compiler = self._build(*markers).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = tuple(
            (index, position)
            for index, param in enumerate(params)
            for position, marker in enumerate(adapted_markers)
            if type(param) is type(marker) and param == marker
        )
        if {position for _index, position in slots} != set(range(len(markers))):
            raise ImproperlyConfigured(f"{self._build!r}: every value must reach the SQL as one plain parameter.")
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        return _Compiled(
            sql,
            tuple(params),
            slots,
            tuple((column, tuple(functions), expression) for column, (functions, expression) in converters.items()),
        )

    def rows(self, *values) -> list[tuple]:
        alias = router.db_for_read(self._model)
        compiled = self._compiled.get(alias) or self._compiled.setdefault(alias, self._compile(alias))
        connection = connections[alias]
        params = list(compiled.params)
        for index, position in compiled.slots:
            params[index] = _adapter(self._value_types[position], connection)(values[position])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        return [_converted(row, compiled.converters, connection) for row in rows]


def _converted(row: tuple, converters: tuple, connection) -> tuple:
    """A row as the ORM returns it (``SQLCompiler.apply_converters``), on this thread's connection."""
    values = list(row)
    for column, functions, expression in converters:
        for function in functions:
            values[column] = function(values[column], expression, connection)
    return tuple(values)
