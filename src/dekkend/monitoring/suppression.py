"""Small-cell suppression for partners (gemeente, JGZ, leerplicht): every cell about fewer
than 5 pupils is shown as "<5", and no such cell can be recovered from the totals.

Our choice (the sources only say "<5"): **complementary suppression**. Cells are grouped by
the cell above them (a school's cells by its board, boards and districts by the whole SWV);
when exactly one cell in a group is suppressed, the cell with the next smallest count in
that group is suppressed as well, so that "total minus the others" gives the sum of two
hidden cells, never one. Suppression is always decided on the full, unfiltered partition of
a level, so a filtered view shows exactly the same cells (a filter cannot undo it), and
partners see whole years only (M4/M8 differences would reveal small flows).
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

THRESHOLD = 5
SUPPRESSED_TEXT = "<5"


class CellLike(Protocol):
    key: str
    group: str
    numerator: int | None
    denominator: int | None
    suppressed: bool


def is_small(cell: CellLike) -> bool:
    """A cell about fewer than 5 pupils (or their applications): its count or its base."""
    if cell.numerator is not None and cell.numerator < THRESHOLD:
        return True
    return cell.denominator is not None and cell.denominator < THRESHOLD


def suppress(cells: Iterable[CellLike]) -> None:
    """Mark small cells (primary) and one complementary cell per group that would otherwise
    have a single hidden cell."""
    groups: dict[str, list[CellLike]] = defaultdict(list)
    for cell in cells:
        cell.suppressed = cell.suppressed or is_small(cell)
        groups[cell.group].append(cell)
    for members in groups.values():
        hidden = [cell for cell in members if cell.suppressed]
        if len(hidden) != 1:
            continue
        shown = sorted((cell for cell in members if not cell.suppressed), key=lambda c: (c.numerator or 0, c.key))
        if shown:
            shown[0].suppressed = True
