"""Keys typed fast are handled in the order typed: what was typed before ``ctrl+s`` is saved
whole, and letters typed right after ``/`` land in the filter box, even at start-up.

A terminal hands the app a burst of keys at once (fast typing, a paste). The tests queue
such a burst with :func:`type_at_once`, so every key is waiting before the first is
handled: no timing decides the outcome.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input, TextArea

from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.forms import FormScreen
from samenwerk_tui.tui.screens.main import MainScreen
from tests.tui.tui_fixture import AUTHOR, file_of, make_app, type_at_once

SENSEO = "senseo0aaaaa"


def notes_of(root: Path, pid: str) -> list[str]:
    data = tomllib.loads(file_of(root, pid).read_text("utf-8"))
    return [note["text"] for note in data.get("notes", [])]


async def test_a_note_typed_and_saved_at_once_is_saved_whole(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        type_at_once(app, *"QUICK-TYPED-2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert notes_of(workspace, SENSEO)[-1] == "QUICK-TYPED-2"


async def test_every_form_saves_what_was_typed_before_ctrl_s(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "e")  # Senseo: the name field has focus
        await pilot.pause()
        await pilot.press("end")
        type_at_once(app, *" Duo", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("c")
        await pilot.pause()
        for _ in range(9):  # four scores, four comments, primary: to the rationale
            await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press("end")
        type_at_once(app, "enter", *"Typed fast.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("n")
        await pilot.pause()
        type_at_once(app, *"Science Park", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = tomllib.loads(file_of(workspace, SENSEO).read_text("utf-8"))
    assert data["name"] == "Senseo Duo"
    assert data["classification"]["rationale"] == "Two firms deliver one product.\nTyped fast."
    assert len(list((workspace / "partnerships").glob("science-park-*.toml"))) == 1


async def test_letters_typed_right_after_slash_go_into_the_filter(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        type_at_once(app, "slash", *"sen")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # "n" did not open a form
        assert app.main.query_one("#filter", Input).value == "sen"
        type_at_once(app, "slash")  # in the filter box a slash is text
        await pilot.pause()
        assert app.main.query_one("#filter", Input).value == "sen/"


async def test_letters_typed_after_slash_while_the_app_is_still_loading(workspace: Path) -> None:
    session = Session(Workspace(workspace), AUTHOR)  # not read yet: the app reads it
    app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
    # Holding the session's lock keeps the app's reading worker waiting, so the keys surely
    # arrive while the workspace is still being read.
    app.state.lock.acquire()
    async with app.run_test(size=(120, 36)) as pilot:
        try:
            assert not app.state.loaded
            type_at_once(app, "slash", *"sen")
            await pilot.pause()
        finally:
            app.state.lock.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.state.loaded
        assert isinstance(app.screen, MainScreen)
        assert app.main.query_one("#filter", Input).value == "sen"
        assert app.state.filter == "sen"


async def test_keys_typed_right_after_enter_or_escape_in_the_filter_reach_the_list(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        type_at_once(app, "slash", *"e", "enter", "j")
        await pilot.pause()
        assert app.main.query_one("#filter", Input).value == "e"  # "j" was not typed into it
        assert app.focused is app.main.list
        assert app.main.list.highlighted_key == SENSEO  # "j" moved the cursor down one
        type_at_once(app, "slash", *"zz", "escape", "k")
        await pilot.pause()
        assert app.main.query_one("#filter", Input).value == ""
        assert app.focused is app.main.list
        assert app.main.list.highlighted_key == "rivier0bbbbb"


async def test_a_diagnosis_answered_and_applied_at_once_keeps_every_answer(
    workspace: Path,
) -> None:
    from tests.tui.test_tui_decide import DELIVERY, digits

    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d")  # Gezond Rivierdal
        await pilot.pause()
        type_at_once(app, *digits(DELIVERY), "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = tomllib.loads(file_of(workspace, "rivier0bbbbb").read_text("utf-8"))
    (assessment,) = data["assessments"]
    assert len(assessment["answers"]) == 16


async def test_letters_typed_right_after_tab_land_in_the_next_field(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")  # Gezond Rivierdal: the first score field has focus
        await pilot.pause()
        assert isinstance(app.focused, Input)
        type_at_once(app, "3", "tab", *"QUICK-TYPED", "tab", "2", "shift+tab", *"!", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("j")  # Senseo: the note form's type list, then its tags
        await pilot.press("a")
        await pilot.pause()
        type_at_once(app, *"Met", "tab", "tab", *"kickoff", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = tomllib.loads(file_of(workspace, "rivier0bbbbb").read_text("utf-8"))
    deliver, goals = data["classification"]["deliver"], data["classification"]["goals"]
    assert (deliver["score"], deliver["comment"], goals["score"]) == (3, "QUICK-TYPED!", 2)
    senseo = tomllib.loads(file_of(workspace, SENSEO).read_text("utf-8"))
    assert (senseo["notes"][-1]["text"], senseo["notes"][-1]["tags"]) == ("Met", ["kickoff"])


async def test_letters_typed_right_after_a_key_that_opens_a_form_land_in_the_form(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # "a" and a note at once: the letters must neither run the main screen's commands
        # (q quits, u undoes, r resolves, e edits) nor be dropped before the form is up.
        type_at_once(app, "j", "a", *"quarterly review", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running
        type_at_once(app, "c", "4", "tab", *"quick", "ctrl+s")  # a score typed at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        type_at_once(app, "n", *"Quartiermakers", "ctrl+s")  # a new partnership's name
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert notes_of(workspace, SENSEO)[-1] == "quarterly review"
    deliver = tomllib.loads(file_of(workspace, SENSEO).read_text("utf-8"))["classification"]
    assert (deliver["deliver"]["score"], deliver["deliver"]["comment"]) == (
        4,
        "One product, clear contracts.quick",
    )
    assert len(list((workspace / "partnerships").glob("quartiermakers-*.toml"))) == 1


async def test_keys_a_binding_handles_take_effect_before_the_letters_typed_after_them(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "tab", "tab")  # Senseo, its notes pane
        # "e", then "end" and the rest of the sentence at once: "end" is a binding of the
        # note's text area, handled only when the key comes back to the app; the letters
        # behind it must wait for it, or they land at the start of the note.
        type_at_once(app, "e", "end", *" Signed.", "home", *"Done: ", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # In a form that is already up, the same burst keeps its order too.
        await pilot.press("a")
        await pilot.pause()
        type_at_once(app, *"first", "home", *"then ", "end", *" last", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    notes = notes_of(workspace, SENSEO)
    assert notes[1] == "Done: Contract review next month. Signed."
    assert notes[-1] == "then first last"


async def test_a_key_the_focused_field_takes_itself_does_not_hold_up_the_keys_after_it(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "a")
        await pilot.pause()
        # Letters are taken by the text area itself (they never come back to the app);
        # backspace and left are its bindings (they do). Each waits for the one before.
        type_at_once(app, *"typo", "backspace", *"e", "left", "backspace", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert notes_of(workspace, SENSEO)[-1] == "tye"


async def test_keys_typed_through_a_question_and_back_keep_their_order(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # "x" asks, "n" answers no (the question closes), "j" moves down the list, "a" opens
        # the note form and the rest is the note: nothing waits for a key that is gone.
        type_at_once(app, "x", "n", "j", "a", *"after the question", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.list.highlighted_key == SENSEO
    assert notes_of(workspace, SENSEO)[-1] == "after the question"
    assert len(list((workspace / "partnerships").glob("*.toml"))) == 3  # nothing deleted
