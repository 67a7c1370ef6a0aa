"""The list's rows are made when shown: the same rows, order and keys as a plain list.

Issue 14: the first paint of 10,000 partnerships makes one screenful of rows, not ten
thousand. ``LazyRows`` stands in for the list the widget used to get; these checks hold
it to a plain list's answers, broken files spliced in included, and count what it makes.
"""

from __future__ import annotations

import pytest

from samenwerk_tui.tui.widgets.partnership_list import LazyRows, Row, index_of


def make_rows(count: int) -> tuple[LazyRows, list[str]]:
    made: list[str] = []

    def make(key: str) -> Row:
        made.append(key)
        return Row(key, f"Partnership {key}")

    return LazyRows([f"p{i}" for i in range(count)], make, lambda key: key), made


def test_rows_are_made_only_when_asked_for_and_then_kept() -> None:
    rows, made = make_rows(10_000)
    assert len(rows) == 10_000 and made == []
    assert [row.key for row in rows[:3]] == ["p0", "p1", "p2"]
    assert rows[-1].key == "p9999"
    assert rows[5] is rows[5]
    assert made == ["p0", "p1", "p2", "p9999", "p5"]
    assert rows.index_of("p4321") == 4321 and made[-1] == "p5"  # found without making rows
    assert rows.index_of("nope") is None
    with pytest.raises(IndexError):
        rows[10_000]


@pytest.mark.parametrize("at", [0, 2, 5])
def test_broken_files_spliced_in_answer_as_a_plain_list_would(at: int) -> None:
    rows, _ = make_rows(5)
    broken = [Row("!a.toml", "a.toml", broken=True), Row("!b.toml", "b.toml", broken=True)]
    view = rows.with_extra(broken, at)
    plain = [*list(rows)[:at], *broken, *list(rows)[at:]]
    assert len(view) == 7
    assert view == plain and list(view) == plain
    assert [view[i] for i in range(-7, 7)] == plain + plain
    for row in plain:
        assert view.index_of(row.key) == index_of(plain, row.key) == plain.index(row)
    assert rows == list(rows)  # the view did not change the rows it shares
