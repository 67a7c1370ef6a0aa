"""A first open of a big workspace shows the partnerships as they are read (issue 14).

Without an index cache every file is parsed, which at 10,000 partnerships takes most of a
second. The list shows the rows read so far as they come, with the progress in the status
line; the cursor moves among them; changes, the filter and the details wait for the whole
read, which then shows every row with the cursor where the user left it. Here the read is
held halfway (the read of one file waits for the test), so the halfway screen can be
looked at as long as needed.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import workspace as workspace_module
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.records import Problem, Record
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.widgets.status_line import StatusLine
from tests.tui.test_tui_state import generated


async def test_rows_come_as_they_are_read_and_the_whole_list_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path / "ws", 60)
    monkeypatch.setattr(workspace_module, "ARRIVED_EVERY", 10)
    go_on = threading.Event()
    read_one = Workspace.read_one
    calls: list[str] = []

    def held(self: Workspace, name: str) -> Record | Problem | None:
        calls.append(name)
        if len(calls) == 31:  # halfway: wait until the test has looked
            go_on.wait(10)
        return read_one(self, name)

    monkeypatch.setattr(Workspace, "read_one", held)
    index = Index.for_workspace(tmp_path / "cache", root)
    session = Session(Workspace(root), "Anna", index=index)
    app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):  # (the read stops at file 31 until the test lets it go on)
            await pilot.pause(0.02)
            if len(app.main.list.rows) >= 30:
                break
        screen = app.main
        assert not app.state.loaded
        assert len(screen.list.rows) == 30  # the first three steps of ten
        assert not screen.list.loading  # rows, not the loading indicator
        names = [row.name for row in screen.list.rows]
        assert names == sorted(names, key=lambda n: n.casefold())
        assert "30" in str(screen.query_one(StatusLine).render())  # "30 of 60" read
        await pilot.press("down", "down")
        await pilot.pause()
        kept = screen.selected_key
        assert kept == screen.list.rows[2].key
        await pilot.press("c")  # a change waits for the whole read, and says so
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        told = [n.message for n in app._notifications]
        assert told[-1] == "The workspace is still being read; this can be done as soon as it is."
        await pilot.press("n")  # a new partnership too: said at once, not a frozen screen
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen" and not app.state.loaded
        told = [n.message for n in app._notifications]
        assert told[-1] == "The workspace is still being read; this can be done as soon as it is."
        assert len(told) == 2
        go_on.set()
        for _ in range(200):
            await pilot.pause(0.02)
            if app.state.loaded:
                break
        await pilot.pause()
        assert app.state.loaded
        assert len(screen.list.rows) == 60
        assert screen.selected_key == kept  # the cursor stayed on the same partnership
        await pilot.press("c")  # and now the classification form opens
        await pilot.pause()
        assert type(app.screen).__name__ == "ClassificationForm"
