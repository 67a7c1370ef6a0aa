"""A form open while its partnership changes outside: merged, asked, or kept — never lost.

The outside change is a colleague's session on the same folder (a sync, a script), or a
second app window on the same workspace. The app's poll picks the change up while the
form stays open, as it does every second in real use.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.clash import ClashCard, ClashScreen
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.forms import FormScreen
from samenwerk_tui.tui.screens.gone import GoneScreen
from samenwerk_tui.tui.screens.main import MainScreen
from tests.tui.tui_fixture import AppPilot, file_of, make_app, open_session, type_at_once

SENSEO = "senseo0aaaaa"


def read(root: Path, pid: str = SENSEO) -> dict[str, Any]:
    return tomllib.loads(file_of(root, pid).read_text("utf-8"))


def told(app: SamenwerkApp) -> list[str]:
    return [n.message for n in app._notifications]


async def poll(app: SamenwerkApp, pilot: AppPilot) -> None:
    """What the app does every second: look for outside changes."""
    app.poll_workspace()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_colleagues_tag_and_summary_survive_a_save_of_the_edit_form(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        colleague = open_session(workspace)
        colleague.edit(SENSEO, add_tags=["zorg"], summary="Rewritten by a colleague.")
        await poll(app, pilot)  # the list has the new version; the form keeps its own
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab", "end")  # name -> stage -> tags
        type_at_once(app, *" coffee", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("merged" in m for m in told(app))
    data = read(workspace)
    assert data["tags"] == ["coffee", "consumer", "product", "zorg"]
    assert data["summary"] == "Rewritten by a colleague."


async def test_the_same_comment_changed_in_two_windows_is_asked_not_overwritten(
    workspace: Path,
) -> None:
    first, second = make_app(workspace), make_app(workspace)
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        for pilot in (one, two):
            await pilot.press("j", "c", "tab")  # Senseo, deliver comment
            await pilot.pause()
        await one.press("ctrl+a", "ctrl+k")
        type_at_once(first, *"First window", "ctrl+s")
        await one.pause()
        assert isinstance(first.screen, MainScreen)

        await two.press("ctrl+a", "ctrl+k")
        type_at_once(second, *"Second window", "ctrl+s")
        await two.pause()
        assert isinstance(second.screen, ClashScreen)  # not written, asked
        assert read(workspace)["classification"]["deliver"]["comment"] == "First window"
        (card,) = second.screen.query(ClashCard)
        shown = str(card.render())
        assert "First window" in shown and "Second window" in shown
        await two.press("ctrl+s")  # the default: keep mine, record theirs as a conflict
        await two.pause()
        assert isinstance(second.screen, MainScreen)
        assert any("recorded as a conflict" in m for m in told(second))
    data = read(workspace)
    assert data["classification"]["deliver"]["comment"] == "Second window"
    assert data["conflicts"] == [
        {
            "field": "classification.deliver.comment",
            "ours": "Second window",
            "theirs": "First window",
        }
    ]


async def test_taking_the_value_on_disk_for_a_clash_keeps_the_other_changes(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "c")
        await pilot.pause()
        open_session(workspace).classify(SENSEO, primary=AgreementType.MOVEMENT)
        await poll(app, pilot)
        await pilot.press("tab", "tab", "ctrl+a", "ctrl+k", "3")  # goals score 2 -> 3
        for _ in range(6):  # to the primary type
            await pilot.press("tab")
        await pilot.press("enter", "down", "enter")  # deliver -> goals
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClashScreen)
        await pilot.press("t", "ctrl+s")  # the primary type on disk wins
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    c = read(workspace)["classification"]
    assert c["primary"] == "movement" and c["goals"]["score"] == 3
    assert "conflicts" not in read(workspace)


async def test_back_from_the_clash_dialog_keeps_the_form_and_saves_nothing(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        open_session(workspace).edit(SENSEO, name="Senseo (colleague)")
        before = file_of(workspace, SENSEO).read_bytes()
        await pilot.press("ctrl+a", "ctrl+k")
        type_at_once(app, *"Senseo (mine)", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#name", Input).value == "Senseo (mine)"
        assert "Nothing was saved" in str(app.screen.query_one("#form-error").render())
        assert file_of(workspace, SENSEO).read_bytes() == before


async def test_a_partnership_deleted_while_its_note_form_is_open_keeps_the_note(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "a")
        await pilot.pause()
        type_at_once(app, *"Typed while it vanished")
        open_session(workspace).delete(SENSEO)
        await poll(app, pilot)  # the list drops it; the form is still open on it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoneScreen)
        assert "deleted outside samenwerk" in str(
            app.screen.query_one(".confirm-question").render()
        )
        await pilot.press("n")  # save it as a new partnership
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (again,) = (workspace / "partnerships").glob("senseo-*.toml")
    data = tomllib.loads(again.read_text("utf-8"))
    assert data["id"] != SENSEO and data["name"] == "Senseo"
    assert data["notes"][-1]["text"] == "Typed while it vanished"
    assert len(data["notes"]) == 3  # the two it had, and the new one


async def test_a_file_broken_while_a_form_is_open_is_never_written_and_text_can_be_copied(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "c")
        await pilot.pause()
        for _ in range(9):
            await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press("end")
        type_at_once(app, *" Mine.")
        path = file_of(workspace, SENSEO)
        path.write_bytes(b"<<<<<<< HEAD\nname = 'x'\n=======\nname = 'y'\n>>>>>>> other\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoneScreen)
        assert "can no longer be read" in str(app.screen.query_one(".confirm-question").render())
        await pilot.press("c")  # copy
        await pilot.pause()
        assert "Two firms deliver one product. Mine." in app.clipboard
        assert isinstance(app.screen, FormScreen)  # still there, still typed
        assert app.screen.query_one("#rationale", TextArea).text.endswith("Mine.")
        await pilot.press("escape", "y")
        await pilot.pause()
    assert path.read_bytes().startswith(b"<<<<<<< HEAD")


async def test_a_delete_confirmed_after_the_file_vanished_says_so_in_one_sentence(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        path = file_of(workspace, SENSEO)
        path.write_bytes(b"broken = [\n")
        await poll(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("can no longer be read" in m for m in told(app)), told(app)
    assert path.read_bytes() == b"broken = [\n"


async def test_escape_asks_before_throwing_away_what_was_typed(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "e", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("a")
        await pilot.pause()
        type_at_once(app, *"Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep typing
        await pilot.pause()
        assert app.screen.query_one("#text", TextArea).text == "Half a thought"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert all(n["text"] != "Half a thought" for n in read(workspace)["notes"])


async def test_a_digit_on_a_partnership_deleted_before_the_poll_saw_it_says_so(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        path = file_of(workspace, SENSEO)
        path.unlink()  # the list still shows it: no poll yet
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("was deleted by someone else" in m for m in told(app)), told(app)
        assert SENSEO not in [row.key for row in app.main.list.rows]
    assert not path.exists()


async def test_settling_a_conflict_of_a_partnership_deleted_meanwhile_says_so(
    workspace: Path,
) -> None:
    from samenwerk_tui.domain.model import Conflict
    from samenwerk_tui.tui.screens.resolve import ResolveScreen

    session = open_session(workspace)
    session.update(
        SENSEO,
        lambda p: p.replace(conflicts=(Conflict("summary", "ours text", "theirs text"),)),
    )
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "r")
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        file_of(workspace, SENSEO).unlink()
        await poll(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        error = str(app.screen.query_one("#resolve-error").render())
        assert "was deleted by someone else" in error


async def test_a_file_renamed_while_its_note_form_is_open_gets_the_note(
    workspace: Path,
) -> None:
    """Someone renames ``senseo-….toml`` (a ``mv``, a file manager) while the note form is
    open: the partnership is still there under the other name, so the note goes into it;
    "deleted outside samenwerk, save as new" would make a second Senseo."""
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "a")
        await pilot.pause()
        type_at_once(app, *"Typed while it moved")
        path = file_of(workspace, SENSEO)
        moved = path.with_name(f"koffie-{SENSEO[:6]}.toml")
        path.rename(moved)
        await poll(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert sorted(p.name for p in (workspace / "partnerships").glob(f"*-{SENSEO[:6]}.toml")) == [
        moved.name
    ]
    data = tomllib.loads(moved.read_text("utf-8"))
    assert data["id"] == SENSEO
    assert data["notes"][-1]["text"] == "Typed while it moved"
