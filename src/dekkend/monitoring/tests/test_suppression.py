"""Complementary suppression: a group never has exactly one hidden cell."""

from dataclasses import dataclass

from dekkend.monitoring.suppression import suppress


@dataclass
class C:
    key: str
    group: str
    numerator: int | None
    denominator: int | None = None
    suppressed: bool = False


def hidden(cells):
    return {cell.key for cell in cells if cell.suppressed}


def test_cells_under_5_are_hidden_and_5_is_shown():
    cells = [C("a", "g", 4), C("b", "g", 5), C("c", "g", 3)]
    suppress(cells)
    assert hidden(cells) == {"a", "c"}


def test_one_hidden_cell_takes_the_next_smallest_cell_of_its_group_with_it():
    cells = [C("a", "g", 2), C("b", "g", 9), C("c", "g", 7), C("d", "other", 50)]
    suppress(cells)
    assert hidden(cells) == {"a", "c"}
    total = 2 + 9 + 7
    assert total - sum(cell.numerator for cell in cells if cell.group == "g" and not cell.suppressed) == 2 + 7


def test_a_small_base_is_hidden_too():
    cells = [C("a", "g", 0, 3), C("b", "g", 6, 40), C("c", "g", 8, 40)]
    suppress(cells)
    assert hidden(cells) == {"a", "b"}


def test_groups_without_small_cells_stay_whole():
    cells = [C("a", "g", 12), C("b", "g", 9)]
    suppress(cells)
    assert hidden(cells) == set()
