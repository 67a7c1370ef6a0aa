"""Keys by binding id: a ``[keymap]`` override works, and the footer, the help screen and
the palette show it; an unknown id, a value that is no key and a clash are reported, not
ignored; the README lists every binding id."""

from __future__ import annotations

import re
from pathlib import Path

from textual.command import CommandList
from textual.widgets._footer import FooterKey

from samenwerk_tui.services.config import Config
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.commands import COMMANDS
from samenwerk_tui.tui.keymap import GROUPS, check_keymap, keys_of
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.forms import PartnershipForm
from samenwerk_tui.tui.screens.help import HelpScreen
from samenwerk_tui.tui.widgets.notes import NotesPane
from tests.tui.tui_fixture import open_session

README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_good_override_is_kept_and_a_swap_of_two_keys_is_no_clash() -> None:
    check = check_keymap({"main.new": "ctrl+n", "main.edit": "n", "main.help": "?,f1"})
    assert check.problems == ()
    assert check.keymap == {"main.new": "ctrl+n", "main.edit": "n", "main.help": "question_mark,f1"}


def test_an_unknown_id_a_non_key_and_a_clash_are_each_reported_and_left_out() -> None:
    check = check_keymap(
        {
            "main.nwe": "ctrl+n",
            "main.sync": "",
            "main.annotate": "j",  # j moves down in the list, which has focus
            "form.save": "ctrl+s",
        }
    )
    assert check.keymap == {"form.save": "ctrl+s"}
    unknown, not_a_key, clash = check.problems
    assert "'main.nwe' is not a binding id" in unknown
    assert "for main.sync is not a key" in not_a_key
    assert "j is given to both list.down and main.annotate" in clash
    assert "main.annotate keeps its default key" in clash


def test_a_key_may_mean_different_things_on_different_screens() -> None:
    # escape closes a form and clears the filter; e saves nothing in the list: no clash.
    assert check_keymap({"resolve.edit": "x", "history.show": "e"}).problems == ()
    # The palette's key is live everywhere, so nothing else may take it.
    assert check_keymap({"form.save": "ctrl+p"}).keymap == {}


def test_the_default_keys_share_a_key_only_where_that_is_meant() -> None:
    shared = set()
    for group in GROUPS:
        owner: dict[str, str] = {}
        for command in COMMANDS:
            if command.scope in group:
                for key in keys_of(command.keys):
                    if owner.setdefault(key, command.id) != command.id:
                        shared.add((key, owner[key], command.id))
    assert shared == {
        # A focused pane's g goes to its top; elsewhere on the main screen g is guidance.
        ("g", "main.guidance", "pane.top"),
        # The wizard's digits answer a statement, and at the result choose a type.
        *{(str(n), f"diagnosis.answer_{n}", f"diagnosis.choose_{t}") for n, t in (
            (1, "deliver"), (2, "goals"), (3, "movement"), (4, "platform"))},
    }  # fmt: skip
    # Writing the defaults down in the keymap is never a clash.
    assert check_keymap({c.id: c.keys for c in COMMANDS}).problems == ()


def test_the_readme_documents_every_binding_id() -> None:
    readme = README.read_text("utf-8")
    documented = set(re.findall(r"`([a-z]+\.[a-z0-9_]+)`", readme))
    missing = [c.id for c in COMMANDS if c.id not in documented]
    assert missing == []


def keymap_app(root: Path, keymap: dict[str, str]) -> SamenwerkApp:
    return SamenwerkApp(open_session(root), Config(keymap=keymap), poll=False, blink=False)


async def test_a_rebound_key_works_and_the_footer_help_and_palette_show_it(
    workspace: Path,
) -> None:
    app = keymap_app(workspace, {"main.new": "ctrl+n", "main.classify": "C"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["new"] == "^n" and footer["classify"] == "C"
        await pilot.press("n")  # the old key does nothing now
        await pilot.pause()
        assert not isinstance(app.screen, PartnershipForm)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "ctrl+n  New partnership" in app.screen.text().splitlines()
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "new":
            await pilot.press(ch)
        await pilot.pause(0.3)
        shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any("new (ctrl+n)" in line for line in shown)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipForm)


async def test_a_keymap_with_problems_is_reported_at_start_and_in_the_help(
    workspace: Path,
) -> None:
    app = keymap_app(workspace, {"main.frobnicate": "f", "main.delete": "k"})
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        [note] = [n.message for n in app._notifications]
        assert note.startswith("Your [keymap] in config.toml:")
        assert "'main.frobnicate' is not a binding id" in note
        assert "k is given to both list.up and main.delete" in note
        await pilot.press("k")  # still moves up; x still deletes
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = help_screen.text().splitlines()
        assert lines[0].strip() == "Your keymap"
        assert any("main.frobnicate" in line for line in lines[1:3])
        assert "x  Delete the partnership (asks first; the u key undoes it)" in lines


async def test_a_rebound_key_keeps_its_place_in_the_footer(workspace: Path) -> None:
    """Textual lists a rebound key last, where a narrow footer would drop it first."""
    app = keymap_app(workspace, {"main.annotate": "N"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = [k.key_display for k in app.main.query(FooterKey)]
        assert shown.index("N") == shown.index("c") + 1  # where a was
        assert shown[-3:] == ["?", "q", "^p"]


async def test_sentences_that_name_a_key_name_the_key_in_effect(workspace: Path) -> None:
    keymap = {"main.undo": "z", "main.annotate": "N", "main.resolve": "R"}
    app = keymap_app(workspace, keymap)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        notes = app.screen.query_one(NotesPane)
        # Gezond Rivierdal (first by name) has no notes: the hint names the key to add one.
        assert "No notes yet: press N to add one." in str(notes.render())
        await pilot.press("question_mark")  # the help names the keys in effect too
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "x  Delete the partnership (asks first; the z key undoes it)" in (
            app.screen.text().splitlines()
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "the z key undoes it" in str(app.screen.question)
        await pilot.press("y")
        await pilot.pause()
        assert app._notifications and list(app._notifications)[-1].message == (
            "Deleted Gezond Rivierdal. Press z to undo."
        )
        await pilot.press("z")
        await pilot.pause()
        assert "rivier0bbbbb" in app.state.session.records


async def test_the_empty_list_names_the_key_that_adds_a_partnership(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    Workspace.init(root)
    app = keymap_app(root, {"main.new": "ctrl+n"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the welcome pane, then the empty list
        await pilot.pause()
        assert app.main.list.empty_text == "No partnerships yet: press ctrl+n to add one."


async def test_the_palette_names_each_type_key_by_its_type(workspace: Path) -> None:
    # The footer groups the four as "1-4 type"; the palette lists them one by one, and
    # "type (1)" beside "goals (2)" would not say what 1 does.
    app = keymap_app(workspace, {})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["type"] == "1-4"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause(0.3)
        shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        [one] = [line.split("\n")[0] for line in shown if "(1)" in line]
        assert one == "delivery (1)", shown
