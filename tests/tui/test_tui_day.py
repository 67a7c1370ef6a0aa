"""An advisor's working day without surprises: notes can be corrected, every key answers,
every change is told, forms help while you type, tags are tags."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.forms import FormScreen, NoteForm
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.widgets.notes import NotesPane, NotesScroll
from tests.tui.tui_fixture import AppPilot, file_of, make_app, type_at_once

SENSEO = "senseo0aaaaa"


def read(root: Path, pid: str = SENSEO) -> dict[str, Any]:
    return tomllib.loads(file_of(root, pid).read_text("utf-8"))


def told(app: SamenwerkApp) -> list[str]:
    return [n.message for n in app._notifications]


async def focus_notes(app: SamenwerkApp, pilot: AppPilot) -> NotesScroll:
    await pilot.press("tab", "tab")  # list -> detail -> notes
    notes = app.main.query_one(NotesScroll)
    assert app.focused is notes
    return notes


# ------------------------------------------------------------------ notes can be corrected


async def test_a_note_is_corrected_in_the_notes_pane_and_the_correction_undone(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    original = file_of(workspace, SENSEO).read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        notes = await focus_notes(app, pilot)
        pane = notes.query_one(NotesPane)
        current = pane.current()
        assert current is not None and current.id == "note0002"  # newest first
        await pilot.press("j")
        current = pane.current()
        assert current is not None and current.id == "note0001"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        await pilot.press("end")
        type_at_once(app, *" Really.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Senseo: note corrected." in told(app)
        note = read(workspace)["notes"][0]
        assert note["id"] == "note0001" and note["text"] == "Kick-off went well. Really."
        assert note["author"] == "Test Advisor" and "edited" in note
        assert note["created"] == read(workspace)["notes"][0]["created"]
        assert "corrected" in str(pane.render())
        await pilot.press("u")
        await pilot.pause()
    assert file_of(workspace, SENSEO).read_bytes() == original


async def test_a_note_is_deleted_after_a_question_and_comes_back_with_u(workspace: Path) -> None:
    app = make_app(workspace)
    original = file_of(workspace, SENSEO).read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await focus_notes(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the partnership is not deleted
        await pilot.press("y")
        await pilot.pause()
        assert [n["id"] for n in read(workspace)["notes"]] == ["note0001"]
        assert "Senseo: note deleted. Press u to undo." in told(app)
        assert file_of(workspace, SENSEO).exists()
        await pilot.press("u")
        await pilot.pause()
        assert "Undone: the note on Senseo is back." in told(app)
    assert file_of(workspace, SENSEO).read_bytes() == original


# ------------------------------------------------------------------ every key answers


async def test_keys_on_a_broken_row_say_why_and_the_footer_offers_only_what_works(
    workspace: Path,
) -> None:
    (workspace / "partnerships" / "kapot-abcdef.toml").write_bytes(b'name = "unterminated\n')
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        screen = app.main
        for action in ("edit_partnership", "classify", "annotate", "delete"):
            assert screen.check_action(action, ()) is False, action  # not in the footer
        assert screen.check_action("open_file", ()) is True
        for key in ("e", "c", "a", "x", "2"):
            await pilot.press(key)
            await pilot.pause()
            assert told(app)[-1] == "This file is broken: press o to open it in your editor."
            assert isinstance(app.screen, MainScreen)


async def test_git_keys_in_a_workspace_without_git_say_how_to_get_git(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()  # the look for a repository
        await pilot.pause()
        for key in ("h", "s"):
            await pilot.press(key)
            await pilot.pause()
            assert told(app)[-1] == (
                "This workspace is not a git repository: samenwerk init --git, or git init."
            )
        await pilot.press("r")
        await pilot.pause()
        assert told(app)[-1] == "Gezond Rivierdal has no conflicts to settle."


async def test_keys_with_nothing_selected_say_so(tmp_path: Path) -> None:
    from samenwerk_tui.store.workspace import Workspace

    Workspace.init(tmp_path / "empty")
    app = make_app(tmp_path / "empty")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, MainScreen):  # the welcome of an empty workspace
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert told(app)[-1] == "Nothing selected: press n to add a partnership."


async def test_o_with_an_editor_that_is_not_installed_says_so_and_keeps_the_screen(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-here --wait")
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert told(app)[-1] == (
            "The editor no-such-editor-here (from $EDITOR) is not installed; "
            "set $VISUAL or $EDITOR to one you have."
        )


async def test_o_without_a_terminal_to_hand_over_says_so(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "cannot hand the screen to an editor" in told(app)[-1]
        assert isinstance(app.screen, MainScreen)


async def test_o_on_a_file_deleted_before_the_poll_opens_no_editor_and_says_so(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran = tmp_path / "editor-ran"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ntouch "{ran}"\n')
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # Senseo
        file = file_of(workspace, SENSEO)
        file.unlink()  # a colleague's sync, before the poll saw it
        await pilot.press("o")
        await pilot.pause()
        assert told(app)[-1] == (
            f"{file.name} was deleted outside samenwerk, so there is nothing to open."
        )
        assert not file.exists() and not ran.exists()  # no empty file made by an editor
        assert SENSEO not in app.state.session.records  # the list shows what is there


# ------------------------------------------------------------------ feedback on every change


async def test_every_change_is_told_in_one_sentence_naming_what_changed(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "2")
        await pilot.pause()
        assert told(app)[-1] == "Senseo: primary type Realising goals."
        await pilot.press("0")
        await pilot.pause()
        assert told(app)[-1] == "Senseo: primary type cleared."
        await pilot.press("e", "tab", "tab", "end")
        type_at_once(app, *" extra", "ctrl+s")
        await pilot.pause()
        assert told(app)[-1] == "Senseo saved: Tags."
        await pilot.press("e", "ctrl+s")  # saved without a change
        await pilot.pause()
        assert told(app)[-1] == "Senseo: nothing changed."
        await pilot.press("x", "y")
        await pilot.pause()
        assert told(app)[-1] == "Deleted Senseo. Press u to undo."


# ------------------------------------------------------------------ forms that help


async def test_the_classification_form_helps_while_you_type(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # Gezond Rivierdal: nothing scored yet
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        hint = form.query_one("#primary-hint", Static)
        assert not hint.display
        for _ in range(4):  # to the movement score
            await pilot.press("tab")
        type_at_once(app, "3")  # the 0 is selected: typing replaces it
        await pilot.pause()
        assert form.query_one("#score-movement", Input).value == "3"
        assert hint.display and str(hint.render()) == "The scores point to Movement (3)."
        labels = [str(label.render()) for label in form.query(".type-label")]
        assert [label.split()[-1] for label in labels] == [
            "Delivery",
            "Goals",
            "Movement",
            "Platform",
        ]
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("j", "c")  # Senseo: primary deliver, scored 5
        await pilot.pause()
        type_at_once(app, "0")  # the deliver score
        await pilot.pause()
        hint = app.screen.query_one("#primary-hint", Static)
        assert "Delivery scores 0" in str(hint.render())


# ------------------------------------------------------------------ tags are tags


async def test_a_tag_typed_with_a_hash_is_stored_without_it_and_found(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e", "tab", "tab", "end")  # Gezond Rivierdal's tags
        type_at_once(app, *" #zuid", "ctrl+s")
        await pilot.pause()
        assert read(workspace, "rivier0bbbbb")["tags"] == ["health", "zuid"]
        assert "#health #zuid" in str(app.main.query_one("#detail-meta", Static).render())
        await pilot.press("slash")
        type_at_once(app, *"tag:zuid")
        await pilot.pause()
        assert [row.name for row in app.main.list.rows] == ["Gezond Rivierdal"]


async def test_the_footer_in_the_filter_box_says_how_to_leave_it(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        shown = {k.key_display: k.description for k in app.main.query(FooterKey)}
        assert shown["⏎"] == "keep" and shown["esc"] == "clear", shown


async def test_keys_typed_right_after_e_in_the_notes_pane_land_in_the_note_form(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await focus_notes(app, pilot)
        # "e" and the correction at once (a paste, fast typing): "q" must not quit, "u"
        # must not undo, and no letter may be lost before the form is up.
        type_at_once(app, "e", *"Checked: ", "ctrl+s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)
    assert read(workspace)["notes"][-1]["text"] == "Checked: Contract review next month."


async def test_a_filter_that_cannot_be_read_is_explained_whole_at_80_columns(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        type_at_once(app, "slash", *"soort:x")
        await pilot.pause()
        status = app.main.query_one("#status", Static)
        shown = [
            strip.text.strip()
            for strip in status.render_lines(Region(0, 0, status.size.width, status.size.height))
        ]
        # The sentence says what is wrong and what to type instead: all of it is on screen,
        # not cut off at the terminal's edge.
        assert "Unknown agreement type 'x'" in " ".join(shown)
        assert "or their badges 1 to 4." in " ".join(shown), shown
        assert app.screen.region.contains_region(status.region)
        type_at_once(app, "backspace", *"2")
        await pilot.pause()
        assert status.size.height == 1  # back to one line once the filter reads


async def test_a_name_too_long_for_the_list_ends_in_an_ellipsis(tmp_path: Path) -> None:
    from tests.tui.tui_fixture import build_workspace

    root = build_workspace(tmp_path / "ws", extra_names=["Leerplatform Palliatieve Zorg Rivierdal"])
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:  # three columns: a narrow list
        await pilot.pause()
        lines = [app.main.list.render_line(y).text for y in range(len(app.main.list.rows))]
        (line,) = [text for text in lines if "Leerplatform" in text]
        # Cut where the column ends, it must not read as a whole (misspelt) word.
        assert "Leerplatform Palliatieve Zorg Rivierdal" not in line
        assert "…" in line.split("Leerplatform", 1)[1], line
