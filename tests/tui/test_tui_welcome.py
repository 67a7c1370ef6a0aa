"""A first start: the welcome pane of an empty workspace, the demo, another folder (asked
before it is made a workspace), the recent workspaces, and a name for the notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input, OptionList

from samenwerk_tui import i18n
from samenwerk_tui.services.config import load_config, workspace_key
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.author import AuthorPrompt
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.folder import FolderPrompt
from samenwerk_tui.tui.screens.forms import PartnershipForm
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.screens.welcome import WelcomeScreen
from tests.tui.tui_fixture import AppPilot, build_workspace


def first_start(root: Path, *, load: bool = False) -> SamenwerkApp:
    """``samenwerk`` on a workspace made a moment ago (or, ``load``, read in a worker)."""
    session = Session.open(root, "Test Advisor", create=True, load=not load)
    return SamenwerkApp(session, load_config(), load=load, poll=False, blink=False)


async def settle(pilot: AppPilot) -> None:
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def choices(app: SamenwerkApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_an_empty_workspace_opens_on_a_welcome_that_explains_the_four_types(
    tmp_path: Path,
) -> None:
    i18n.set_language("nl")
    app = first_start(tmp_path / "ws", load=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for word in ("Leveren", "Doelen", "Beweging", "Platform", "netwerkregie"):
            assert word in text
        assert choices(app) == [
            "n  Het eerste samenwerkingsverband maken",
            "d  De demo openen: acht voorbeelden van samenwerkingsverbanden",
            "o  Een andere map openen…",
        ]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipForm)
        app.screen.query_one("#name", Input).value = "Senseo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [r.facets.name for r in app.state.session.records.values()] == ["Senseo"]


async def test_the_demo_opens_from_the_welcome_without_leaving_the_app(tmp_path: Path) -> None:
    empty = tmp_path / "ws"
    app = first_start(empty)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.state.session.records) == 8
        assert app.state.session.workspace.root.name == "demo-en"
        assert app.title == app.state.session.workspace.display_name != "ws"
        assert "8/8 partnerships" in str(app.main.query_one("#status").render())
    # Both are remembered, the demo first: a plain ``samenwerk`` opens it next time.
    recent = load_config().recent
    assert recent[1] == workspace_key(empty) and recent[0].endswith("demo-en")


async def test_another_folder_is_made_a_workspace_only_after_a_yes(tmp_path: Path) -> None:
    app = first_start(tmp_path / "ws")
    target = tmp_path / "nieuw" / "adviespraktijk"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, FolderPrompt)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Type the path of a folder." in str(app.screen.query_one("#form-error").render())
        file = tmp_path / "note.txt"
        file.write_text("x", "utf-8")
        app.screen.query_one("#folder", Input).value = str(file)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is a file, not a folder" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#folder", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing is made
        await pilot.pause()
        assert isinstance(app.screen, FolderPrompt) and not target.exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert Workspace.is_workspace(target)
        assert app.state.session.workspace.root == target
        assert isinstance(app.screen, WelcomeScreen)  # empty again: welcome again


async def test_the_palette_switches_to_a_recent_workspace(tmp_path: Path) -> None:
    fixture = build_workspace(tmp_path / "fixture")
    app = first_start(tmp_path / "ws")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert choices(app)[-1] == "o  Open another folder…"  # nothing recent yet
        app.screen.query_one(OptionList).highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#folder", Input).value = str(fixture)
        await pilot.press("ctrl+s")  # a workspace: opened at once, no question
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.state.session.records) == 3
        await pilot.press("ctrl+p")
        for ch in "workspace: ws":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.3)
        first = str(app.screen.query_one(CommandList).get_option_at_index(0).prompt)
        assert first.startswith("Workspace: ws")
        await pilot.press("enter")
        await settle(pilot)
        assert app.state.session.workspace.root == tmp_path / "ws"
        assert isinstance(app.screen, WelcomeScreen)
        assert choices(app)[-1].startswith("   Open fixture")  # offered on the welcome too


async def test_a_first_start_without_any_name_asks_for_one_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIT_AUTHOR_NAME")  # and git has no user.name in this home
    root = build_workspace(tmp_path / "ws")
    app = first_start(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AuthorPrompt)
        app.screen.query_one("#author", Input).value = "Anna de Vries"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.state.session.author == "Anna de Vries"
    assert load_config().author == "Anna de Vries"
    again = first_start(root)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, MainScreen)  # asked once


async def test_keeping_the_login_name_is_said_and_not_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    root = build_workspace(tmp_path / "ws")
    session = Session.open(root, "root", create=False)
    app = SamenwerkApp(session, load_config(), poll=False, blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AuthorPrompt)
        await pilot.press("escape")
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert "Your changes are signed root (your login name)" in told[-1]
    assert load_config().author == "root"
