"""How state moves in the workbench: a change to the session reaches every pane through
the app state alone, and the palette searches thousands of partnerships without building
one model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Static

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Partnership, Party
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.store import codec, lean
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.tui_fixture import make_app

SENSEO = "senseo0aaaaa"


def rows(app: SamenwerkApp) -> list[str]:
    return [row.name for row in app.main.query_one(PartnershipList).rows]


def status(app: SamenwerkApp) -> str:
    return str(app.main.query_one("#status", Static).render())


def detail_title(app: SamenwerkApp) -> str:
    return str(app.main.query_one(DetailPane).query_one("#detail-title", Static).render())


async def test_a_change_through_the_state_redraws_list_detail_and_status(
    workspace: Path,
) -> None:
    """What a new screen does to save (one service call through ``state.apply``), and
    what a worker does after changing the session itself (announce a new data version):
    the main screen is never called, yet its list, detail, notes and status follow."""
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        state = app.state
        assert "3/3 partnerships" in status(app)
        version = state.data_version.number

        created = state.apply(
            lambda session: session.create(edits.new_partnership("Science Park", stage=Stage.SHAPE))
        )
        await pilot.pause()
        assert created.action == "created" and created.record is not None
        assert state.data_version.number == version + 1
        assert rows(app) == [
            "Gezond Rivierdal", "Science Park", "Senseo", "Terminal cleaning Schiphol",
        ]  # fmt: skip
        assert app.main.selected_key == created.partnership_id  # the cursor follows
        assert state.selected == created.partnership_id
        assert detail_title(app) == "Science Park"
        assert "4/4 partnerships" in status(app)

        # A change made to the session directly (as a worker would, under the lock),
        # announced only by a new data version with the partnership to show.
        with state.lock:
            state.session.add_note(SENSEO, "Written by a worker.")
        assert "Written by a worker." not in str(app.main.query_one(NotesPane).render())
        state.data_changed(focus=SENSEO)
        await pilot.pause()
        assert app.main.selected_key == SENSEO
        assert detail_title(app) == "Senseo"
        assert "Written by a worker." in str(app.main.query_one(NotesPane).render())

        # The filter is state too: set it, and the list and the count follow.
        state.filter = "type:deliver"
        await pilot.pause()
        assert rows(app) == ["Senseo"]
        assert "1/4 partnerships" in status(app)
        assert isinstance(app.screen, MainScreen)


async def test_the_workspace_name_is_read_once_per_load(workspace: Path) -> None:
    """The status line names the workspace on every redraw, from what the load read."""
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Fixture workspace" in status(app)
        (workspace / "samenwerk.toml").write_text('schema = 1\nname = "Renamed"\n', "utf-8")
        app.state.data_changed()
        await pilot.pause()
        assert "Fixture workspace" in status(app)  # not read again for a redraw
        with app.state.lock:
            app.state.session.load()
        app.state.data_changed()
        await pilot.pause()
        assert "Renamed" in status(app)


def generated(root: Path, count: int) -> Path:
    """A workspace of ``count`` canonical partnership files (plain writes, for speed)."""
    Workspace.init(root, name="Generated")
    workspace = Workspace(root)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(count):
        p = edits.new_partnership(
            f"Zorgnetwerk regio {i:05d}" if i % 2 else f"Energie coöperatie {i:05d}",
            summary="Partners in the region working together.",
            stage=list(Stage)[i % len(Stage)],
            tags=["regio"],
            parties=[Party("Gemeente Rivierdal", "trekker"), Party("GGD Regio", "partner")],
            now=start + timedelta(minutes=i),
            pid=f"gen{i:09d}",
        )
        p = edits.classify(p, by="Anna", primary=list(AgreementType)[i % 4], now=p.created)
        workspace.path_of(workspace.file_name_for(p)).write_bytes(codec.encode(p))
    return root


async def test_the_palette_searches_thousands_of_partnerships_without_building_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path / "ws", 2_000)
    built: list[str] = []
    unpack = lean.unpack

    def counting_unpack(packed: lean.Packed) -> Partnership:
        built.append(str(packed[0]))
        return unpack(packed)

    monkeypatch.setattr(lean, "unpack", counting_unpack)
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert len(app.state.session.records) == 2_000
        built.clear()  # the detail pane built the selected one; the search starts here
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "zorg 01999":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList).options
        shown = [str(option.prompt).splitlines()[0] for option in options]
        assert "Zorgnetwerk regio 01999" in shown
        assert built == []  # names came from the facets: no partnership model was built
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.selected_key == "gen000001999"
        assert detail_title(app) == "Zorgnetwerk regio 01999"
        assert built == ["gen000001999"]  # only the one the detail pane now shows
