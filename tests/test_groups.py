"""The xdist groups name modules that exist: a module renamed or moved would otherwise silently leave its group
and have its tests spread over workers (``tests/groups.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.groups import GROUPS, mark_groups

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", sorted(GROUPS))
def test_a_grouped_module_exists(module: str) -> None:
    assert (REPO / module).is_file(), f"tests/groups.py: GROUPS names {module}, which does not exist: fix the path"


class Item:
    """What ``mark_groups`` uses of a collected test: its file and ``add_marker``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks: list[pytest.MarkDecorator] = []

    def add_marker(self, mark: pytest.MarkDecorator) -> None:
        self.marks.append(mark)


def test_the_tests_of_a_grouped_module_carry_its_group_and_the_others_none() -> None:
    fault, other = Item(REPO / "tests/faults/test_instances.py"), Item(REPO / "tests/test_http.py")
    mark_groups([fault, other], str(REPO))  # type: ignore[list-item]
    assert [(m.name, m.args) for m in fault.marks] == [("xdist_group", ("bot-processes",))]
    assert other.marks == []
