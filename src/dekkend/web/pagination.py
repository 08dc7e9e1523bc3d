"""Keyset pagination for pages over large, permission-filtered lists.

A page is "the next N rows after this key", so no page ever needs a COUNT(*) under the
permission filter, and page 1,000 costs what page 1 costs.
"""

import base64
import binascii
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class KeysetPage:
    object_list: list
    next_cursor: str | None
    is_first: bool

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def _encode(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _decode(cursor: str, width: int) -> list | None:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, binascii.Error):
        return None
    return values if isinstance(values, list) and len(values) == width else None


def _after(fields: Sequence[str], values: list) -> Q:
    """Rows strictly after ``values`` in the ascending order of ``fields``."""
    condition = Q(pk__in=[])
    for i, field in enumerate(fields):
        equal_before = Q(**dict(zip(fields[:i], values[:i], strict=True)))
        condition |= equal_before & Q(**{f"{field}__gt": values[i]})
    return condition


def keyset_page(queryset: QuerySet, *, cursor: str | None, size: int, order: Sequence[str]) -> KeysetPage:
    """One page of ``queryset`` in ``order`` (ascending fields, the last one unique), after ``cursor``.
    An unreadable cursor starts at the first page."""
    values = _decode(cursor, len(order)) if cursor else None
    if values is not None:
        queryset = queryset.filter(_after(order, values))
    rows = list(queryset.order_by(*order)[: size + 1])
    next_cursor = _encode([getattr(rows[size - 1], f) for f in order]) if len(rows) > size else None
    return KeysetPage(rows[:size], next_cursor, values is None)
