"""An advisor's day in the workbench, driven by keys; every assertion reads the files."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.forms import FormScreen
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.tui_fixture import AUTHOR, AppPilot, file_of, make_app, open_session


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def rows(app: SamenwerkApp) -> list[str]:
    return [row.name for row in app.main.query_one(PartnershipList).rows]


def selected(app: SamenwerkApp) -> str | None:
    return app.main.query_one(PartnershipList).highlighted_key


async def type_text(pilot: AppPilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def test_the_list_shows_every_partnership_sorted_by_name(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert rows(app) == ["Gezond Rivierdal", "Senseo", "Terminal cleaning Schiphol"]
        status = app.main.query_one("#status", Static).render()
        assert "3/3 partnerships" in str(status)


async def test_new_partnership_is_written_at_once(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Science Park")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        files = sorted((workspace / "partnerships").glob("science-park-*.toml"))
        assert len(files) == 1
        data = read(files[0])
        assert data["name"] == "Science Park"
        assert selected(app) == data["id"]


async def test_an_empty_name_is_refused_and_the_form_keeps_its_input(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "tab", "tab")
        await type_text(pilot, "zorg")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        error = app.screen.query_one("#form-error", Static)
        assert "needs a name" in str(error.render())
        assert app.screen.query_one("#tags", Input).value == "zorg"
        assert len(list((workspace / "partnerships").glob("*.toml"))) == 3


async def test_an_unwritable_workspace_gives_a_clear_message_and_keeps_input(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # The folder vanishes and a file takes its place: nothing can be written there.
        for path in (workspace / "partnerships").iterdir():
            path.unlink()
        (workspace / "partnerships").rmdir()
        (workspace / "partnerships").write_text("not a folder")
        await pilot.press("n")
        await type_text(pilot, "Science Park")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "partnerships should be the folder of the partnership files" in error, error
        assert app.screen.query_one("#name", Input).value == "Science Park"


async def test_edit_changes_name_stage_tags_and_parties(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")  # Senseo
        assert selected(app) == "senseo0aaaaa"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Senseo 2")
        await pilot.press("tab", "tab")  # stage -> tags
        await pilot.press("end")
        await type_text(pilot, " coffee")
        await pilot.press("tab", "tab")  # summary -> parties
        await pilot.press("down", "down", "end", "enter")
        await type_text(pilot, "Jacobs: supplier")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = read(file_of(workspace, "senseo0aaaaa"))
    assert data["name"] == "Senseo 2"
    assert data["tags"] == ["coffee", "consumer", "product"]
    assert data["parties"][-1] == {"name": "Jacobs", "role": "supplier"}
    assert data["summary"].startswith("Douwe Egberts")


async def test_a_digit_sets_the_primary_type_and_zero_clears_it(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")  # Gezond Rivierdal: movement
        await pilot.pause()
        assert read(file_of(workspace, "rivier0bbbbb"))["classification"]["primary"] == "movement"
        await pilot.press("0")
        await pilot.pause()
        assert "primary" not in read(file_of(workspace, "rivier0bbbbb"))["classification"]
        assert read(file_of(workspace, "rivier0bbbbb"))["classification"]["by"] == AUTHOR


async def test_the_classification_editor_saves_scores_comments_and_rationale(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "4", "tab")
        await type_text(pilot, "Clear products")
        await pilot.press("tab", "ctrl+a", "ctrl+k", "2")
        for _ in range(7):  # goals comment, three types, primary
            await pilot.press("tab")
        await type_text(pilot, "Mostly delivery")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    c = read(file_of(workspace, "rivier0bbbbb"))["classification"]
    assert c["deliver"] == {"score": 4, "comment": "Clear products"}
    assert c["goals"]["score"] == 2
    assert c["rationale"] == "Mostly delivery"
    assert c["by"] == AUTHOR


async def test_a_score_out_of_range_cannot_be_typed(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "9")
        assert app.screen.query_one("#score-deliver", Input).value == ""
        await pilot.press("escape", "y")  # the score was cleared: leaving asks first
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_an_annotation_is_added_with_type_and_tags(workspace: Path) -> None:
    app = make_app(workspace)
    before = read(file_of(workspace, "senseo0aaaaa"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "a")
        await pilot.pause()
        await type_text(pilot, "First line")
        await pilot.press("enter")
        await type_text(pilot, "[bold]second[/] line")
        await pilot.press("tab", "enter", "down", "down", "enter", "tab")
        await type_text(pilot, "risk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = read(file_of(workspace, "senseo0aaaaa"))
    assert len(data["notes"]) == len(before["notes"]) + 1
    note = data["notes"][-1]
    assert note["text"] == "First line\n[bold]second[/] line"
    assert note["type"] == "goals"
    assert note["tags"] == ["risk"]
    assert note["author"] == AUTHOR


async def test_delete_asks_first_and_undo_brings_the_file_back(workspace: Path) -> None:
    app = make_app(workspace)
    path = file_of(workspace, "senseo0aaaaa")
    original = path.read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "x")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert path.exists()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not path.exists()
        assert "Senseo" not in rows(app)
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == original
        assert selected(app) == "senseo0aaaaa"


async def test_undo_restores_the_exact_bytes_after_a_change(workspace: Path) -> None:
    app = make_app(workspace)
    path = file_of(workspace, "rivier0bbbbb")
    original = path.read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert path.read_bytes() != original
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == original


async def test_a_change_made_outside_is_picked_up_and_the_selection_kept(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "j")  # Terminal cleaning Schiphol
        await pilot.pause()  # the second j may wait for the first (type-ahead keeps order)
        assert selected(app) == "schiph0ccccc"
        colleague = open_session(workspace)
        colleague.edit("rivier0bbbbb", name="Zuid Rivierdal")
        colleague.add_note("schiph0ccccc", "Seen by a colleague.")
        app.poll_workspace()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(app) == ["Senseo", "Terminal cleaning Schiphol", "Zuid Rivierdal"]
        assert selected(app) == "schiph0ccccc"
        notes = str(app.main.query_one("#notes", Static).render())
        assert "Seen by a colleague." in notes


async def test_a_save_after_an_outside_change_keeps_both_changes(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")  # Senseo, not yet polled again
        colleague = open_session(workspace)
        colleague.add_note("senseo0aaaaa", "Added by a colleague meanwhile.")
        await pilot.press("2")
        await pilot.pause()
    data = read(file_of(workspace, "senseo0aaaaa"))
    assert data["classification"]["primary"] == "goals"
    assert any(n["text"] == "Added by a colleague meanwhile." for n in data["notes"])


async def test_filter_narrows_live_enter_keeps_it_escape_clears_it(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "type:deliver")
        await pilot.pause()
        assert rows(app) == ["Senseo"]
        await pilot.press("enter")
        assert app.focused is app.main.query_one(PartnershipList)
        assert rows(app) == ["Senseo"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(app)) == 3
        await pilot.press("slash")
        await type_text(pilot, "is:nonsense")
        await pilot.pause()
        assert "Unknown filter" in str(app.main.query_one("#status", Static).render())


async def test_a_broken_file_is_listed_with_line_column_and_reason(workspace: Path) -> None:
    broken = workspace / "partnerships" / "kapot-abcdef.toml"
    broken.write_bytes(b'schema = 1\nname = "unterminated\n')
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        assert selected(app) == "!kapot-abcdef.toml"
        meta = str(app.main.query_one("#detail-meta", Static).render())
        assert "kapot-abcdef.toml, line 2, column" in meta
        await pilot.press("3", "e", "x")  # nothing to do on a broken file
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert broken.read_bytes() == b'schema = 1\nname = "unterminated\n'


async def test_the_palette_jumps_to_a_partnership_by_fuzzy_name(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "schip")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert selected(app) == "schiph0ccccc"


async def test_help_lists_every_key_of_the_command_table(workspace: Path) -> None:
    from samenwerk_tui.tui.commands import COMMANDS
    from samenwerk_tui.tui.screens.help import HelpScreen

    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text()
        for command in COMMANDS:
            assert command.help in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_q_quits_with_exit_code_zero(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_palette_shows_hostile_names_literally(
    tmp_path: Path, hostile_names: list[str]
) -> None:
    from tests.tui.tui_fixture import build_workspace

    root = build_workspace(tmp_path / "ws", extra_names=hostile_names)
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "bold")
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList).options
        shown = [str(option.prompt).splitlines()[0] for option in options]
        assert "[bold]Evil[/bold] co" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert selected(app) in {"hostile00001", "hostile00002"}  # both names hold "bold"


async def test_browsing_without_changes_leaves_git_status_clean(workspace: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=workspace, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "start")
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "k", "slash", "s", "enter", "escape", "question_mark")
        await pilot.press("escape", "e", "escape", "c", "escape", "a", "escape", "x", "n")
        app.poll_workspace()
        await app.workers.wait_for_complete()
        await pilot.press("q")
    assert git("status", "--porcelain") == ""


async def test_an_unread_workspace_is_loaded_in_a_worker_with_a_visible_state(
    workspace: Path,
) -> None:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import Workspace
    from samenwerk_tui.tui.app import SamenwerkApp

    session = Session(Workspace(workspace), AUTHOR)  # not read yet
    app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(app) == ["Gezond Rivierdal", "Senseo", "Terminal cleaning Schiphol"]
        assert "3/3" in str(app.main.query_one("#status", Static).render())


async def test_a_workspace_that_cannot_be_read_ends_loading_with_one_sentence(
    workspace: Path,
) -> None:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import Workspace
    from samenwerk_tui.tui.app import SamenwerkApp

    # Someone replaced the partnerships folder by a file: reading fails with an OS error.
    folder = workspace / "partnerships"
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    folder.write_text("not a folder\n")
    session = Session(Workspace(workspace), AUTHOR)
    app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.main.state.loaded
        assert not app.main.list.loading
        status = str(app.main.query_one("#status", Static).render())
        assert "Reading the workspace" not in status
        told = [n.message for n in app._notifications]
        # The sentence names the file in the folder's place (it said "could not be read").
        assert any("partnerships should be the folder of the partnership" in m for m in told), told
        assert all("Traceback" not in m and "\n" not in m for m in told)
        await pilot.press("question_mark")  # still usable: help opens and closes
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape", "q")
    assert app.return_code == 0
