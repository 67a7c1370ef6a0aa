"""A big workspace stays quick without changing what the screen shows.

A save redoes the one row it changed (put where its sort key now puts it) instead of
sorting and rebuilding every row, and the result is exactly what a full rebuild gives, in
every sort order; the status line says how far the first read of a big workspace got;
``samenwerk -w FOLDER`` asks before it makes a workspace of a folder that is none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.ordering import SORTS
from samenwerk_tui.domain.query import parse_query
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.changes import Change
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui import list_rows
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.ask import AskToCreate
from samenwerk_tui.tui.list_rows import ListRows
from samenwerk_tui.tui.widgets.partnership_list import Row
from samenwerk_tui.tui.widgets.status_line import StatusLine
from tests.tui.test_tui_state import generated
from tests.tui.tui_fixture import open_session


async def test_a_save_redoes_only_its_row_and_the_rows_equal_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path / "ws", 300)
    rebuilds: list[str] = []
    rebuild = ListRows.rebuild

    def counting(self: ListRows, session: Session, sort: str = "name") -> None:
        rebuilds.append(sort)
        rebuild(self, session, sort)

    monkeypatch.setattr(list_rows.ListRows, "rebuild", counting)
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.main
        for step, sort in enumerate(SORTS):
            app.state.sort = sort
            await pilot.pause()
            rebuilds.clear()
            target = screen.list_rows.order[(step * 37) % 300]
            # A rename to the front, a new stage and type: the row moves in every order.
            pid = target.id
            name, stage = f"Aaa {step}", list(Stage)[(step + 3) % len(Stage)]
            primary = list(AgreementType)[step % 4]

            def rename(
                s: Session, pid: str = pid, name: str = name, stage: Stage = stage
            ) -> Change:
                return s.edit(pid, name=name, stage=stage)

            def classify(s: Session, pid: str = pid, primary: AgreementType = primary) -> Change:
                return s.classify(pid, primary=primary)

            screen.save_and_tell(rename)
            screen.save_and_tell(classify)
            await pilot.pause()
            assert rebuilds == [], f"a save rebuilt every row ({sort})"
            fresh = ListRows()
            with app.state.lock:
                fresh.rebuild(app.state.session, sort)
            assert screen.list_rows.rows == fresh.rows, sort
            assert screen.list_rows.conflict_count == fresh.conflict_count
            assert screen.list.highlighted_key == target.id  # the cursor followed it


async def test_typing_on_in_the_filter_shows_what_a_fresh_filter_shows(tmp_path: Path) -> None:
    """Each key narrows the query, so the list tests only what the key before let
    through; the rows are still exactly what filtering everything gives, also when a
    save between two keys makes a partnership match that did not before."""
    root = generated(tmp_path / "ws", 300)
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)

    def fresh_rows(text: str) -> list[Row]:
        fresh = ListRows()
        with app.state.lock:
            fresh.rebuild(app.state.session, app.state.sort)
            return list(fresh.filter(app.state.session, parse_query(text)))

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.main
        box = app.query_one("#filter", Input)
        await pilot.press("slash")
        for key in ["z", "o", "r", "g", "n", "e", "t", "space", "r", "e", "g", "backspace"]:
            await pilot.press(key)
            await pilot.pause()
            assert screen.list.rows == fresh_rows(box.value), box.value
        assert box.value == "zorgnet re"
        assert 0 < len(screen.list.rows) < 300
        # An "Energie" partnership renamed while the filter shows only "Zorgnetwerk" ones.
        energie = next(r for r in screen.list_rows.order if r.facets.name.startswith("Energie"))
        screen.save_and_tell(lambda s: s.edit(energie.id, name="Zorgnetwerk rechts"))
        await pilot.pause()
        for key in ["c", "h"]:  # "zorgnet rech": only the renamed one
            await pilot.press(key)
            await pilot.pause()
        assert [row.key for row in screen.list.rows] == [energie.id]
        assert screen.list.rows == fresh_rows("zorgnet rech")


async def test_the_list_is_filtered_as_the_box_changes_not_a_message_later(
    tmp_path: Path,
) -> None:
    """The new rows are there in the same call that changed the box's text, so the box
    and the list are painted in the same frame."""
    root = generated(tmp_path / "ws", 40)
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.main
        box = app.query_one("#filter", Input)
        box.value = "energie 00004"
        assert [row.name for row in screen.list.rows] == ["Energie coöperatie 00004"]
        assert app.state.filter == "energie 00004"
        box.value = ""
        assert len(screen.list.rows) == 40
        await pilot.pause()
        assert len(screen.list.rows) == 40  # the box's later message changes nothing


async def test_the_scroll_bar_and_the_filter_text_follow_each_key(tmp_path: Path) -> None:
    """A keystroke lays out nothing anew when the list's scroll bar stays (shown or not),
    yet the bar always fits the rows shown and a long filter text scrolls to its end."""
    root = generated(tmp_path / "ws", 300)
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.main
        box = app.query_one("#filter", Input)
        await pilot.press("slash")
        for text in ["regio", "regio 0001", "regio 00011", "", "energie", "regio 0002"]:
            box.value = text
            await pilot.pause()
            shown = len(screen.list.rows)
            assert screen.list.virtual_size.height == shown, text
            window = screen.list.scrollable_content_region.height
            assert screen.list.show_vertical_scrollbar == (shown > window), text
            assert screen.list.max_scroll_y == max(0, shown - window), text
        long = "partners in the region working together " * 2
        box.value = ""
        await pilot.pause()
        for key in long.replace(" ", "_"):
            await pilot.press("space" if key == "_" else key)
        await pilot.pause()
        assert box.value == long
        assert box.scroll_offset.x > 0  # the cursor, at the end, is in view
        assert box.cursor_screen_offset.x <= box.content_region.right


async def test_the_status_line_says_how_far_the_first_read_got() -> None:
    line = StatusLine()
    assert line.loaded is False
    line.progress = (2500, 10000)
    assert str(line.line()) == "Reading the workspace: 2,500 of 10,000 files…"
    i18n.set_language("nl")  # (numbers grouped the Dutch way)
    assert str(line.line()) == "De werkmap wordt gelezen: 2.500 van 10.000 bestanden…"
    i18n.set_language("en")
    line.progress = (0, 0)
    assert str(line.line()) == "Reading the workspace…"


@pytest.mark.parametrize(("key", "answer"), [("y", True), ("n", False), ("escape", False)])
async def test_a_folder_that_is_no_workspace_is_made_one_only_after_a_yes(
    tmp_path: Path, key: str, answer: bool
) -> None:
    app = AskToCreate(tmp_path / "typo", "missing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = str(app.screen.query_one(".confirm-question", Static).render())
        assert question == f"{tmp_path / 'typo'} does not exist. Create a new workspace there?"
        await pilot.press(key)
        await pilot.pause()
    assert app.return_value is answer
    assert not (tmp_path / "typo").exists()
