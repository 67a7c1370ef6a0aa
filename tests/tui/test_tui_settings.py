"""Settings in the running app: language and theme switch at once and are there after a
restart; user theme files are read again when they change; a bad theme file or an
unreadable config is told in one sentence and never stops the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.align import Align
from rich.text import Text
from textual.command import CommandInput, CommandList
from textual.widgets import Input, Select, Static
from textual.widgets._footer import FooterKey

from samenwerk_tui import i18n
from samenwerk_tui.services.config import (
    Config,
    broken_file,
    config_file,
    load_config,
    user_themes_dir,
)
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm
from samenwerk_tui.tui.screens.guidance import GuidanceScreen
from samenwerk_tui.tui.screens.help import HelpScreen
from samenwerk_tui.tui.screens.settings import SettingsScreen
from tests.tui.tui_fixture import AppPilot, open_session

LIGHT_MINE = """\
name = "mijn-thema"
dark = false
primary = "#224466"

[variables]
type-deliver = "#1F6FC0"
type-goals = "#9C6A00"
type-movement = "#B0407F"
type-platform = "#13857A"
"""


def start(root: Path) -> SamenwerkApp:
    """The app as ``samenwerk`` starts it: the config from disk, the language it names."""
    config = load_config()
    i18n.set_language(i18n.detect_language(None, config.lang))
    return SamenwerkApp(open_session(root), config, poll=False, blink=False)


def footer(app: SamenwerkApp) -> dict[str, str]:
    return {k.key_display: k.description for k in app.main.query(FooterKey)}


def status(app: SamenwerkApp) -> str:
    return str(app.main.query_one("#status", Static).render())


def notes_told(app: SamenwerkApp) -> list[str]:
    return [n.message for n in app._notifications]


async def change_settings(pilot: AppPilot, **values: str) -> None:
    await pilot.press("comma")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    for field, value in values.items():
        widget = screen.query_one(f"#{field}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_dutch_advisor_switches_to_english_for_a_colleague_without_a_restart(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAMENWERK_LANG")
    config_file().parent.mkdir(parents=True)
    config_file().write_text('lang = "nl"\n', "utf-8")
    app = start(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert footer(app)["n"] == "nieuw" and "samenwerkingsverbanden" in status(app)
        await change_settings(pilot, lang="en")
        assert footer(app)["n"] == "new" and footer(app)["^p"] == "palette"
        assert "3/3 partnerships · sorted by name" in status(app)
        assert app.main.query_one("#filter", Input).placeholder.startswith("/ filter: words")
        told = notes_told(app)
        assert told[0] == "Language: English."  # the Dutch notifications are gone
        assert told[1].startswith("Settings saved in ")
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "n  New partnership" in help_screen.text().splitlines()
    assert load_config().lang == "en"

    i18n.set_language("nl")
    restarted = start(workspace)
    async with restarted.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert i18n.language() == "en" and footer(restarted)["n"] == "new"


async def test_the_palette_switches_language_with_its_own_texts_in_that_language(
    workspace: Path,
) -> None:
    app = start(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == (
            "Search for a command or partnership…"
        )
        for ch in "nederlands":
            await pilot.press(ch)
        await pilot.pause(0.3)
        first = str(app.screen.query_one(CommandList).get_option_at_index(0).prompt)
        assert first.startswith("Language: Nederlands")
        await pilot.press("enter")
        await pilot.pause()
        assert i18n.language() == "nl" and footer(app)["^p"] == "opdrachten"
        assert "volgorde: naam" in status(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        placeholder = app.screen.query_one(CommandInput).placeholder
        assert placeholder == "Zoek een opdracht of samenwerkingsverband…"
    assert load_config().lang == "nl"


async def options_of(pilot: AppPilot, app: SamenwerkApp, *, wanted: int = 1) -> list[str]:
    """The palette's lines once its providers (or its "no matches" timer) have answered."""
    lines: list[str] = []
    for _ in range(50):
        await pilot.pause(0.05)
        found = app.screen.query_one(CommandList)
        lines = []
        for i in range(found.option_count):
            prompt = found.get_option_at_index(i).prompt
            inner = prompt.renderable if isinstance(prompt, Align) else prompt
            lines.append(inner.plain if isinstance(inner, Text) else str(inner))
        if len(lines) >= wanted:
            break
    return lines


async def test_the_palette_on_another_screen_offers_its_keys_and_speaks_dutch(
    workspace: Path,
) -> None:
    i18n.set_language("nl")
    app = SamenwerkApp(open_session(workspace), Config(), poll=False, blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "g")  # Senseo's guidance
        await pilot.pause()
        assert isinstance(app.screen, GuidanceScreen)
        await pilot.press("ctrl+p")
        lines = await options_of(pilot, app, wanted=3)
        assert any(line.startswith("diagnose (d)") for line in lines), lines
        assert any(line.startswith("terug (esc)") for line in lines), lines
        for ch in "zzzq":
            await pilot.press(ch)
        assert await options_of(pilot, app) == ["Niets gevonden"]
        for _ in "zzzq":
            await pilot.press("backspace")
        for ch in "perspectieven":
            await pilot.press(ch)
        await options_of(pilot, app)
        await pilot.press("enter")  # runs the guidance screen's own command, as v would
        await pilot.pause()
        assert isinstance(app.screen, PerspectivesForm)


async def test_a_light_theme_chosen_in_the_settings_is_there_after_a_restart(
    workspace: Path,
) -> None:
    app = start(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        themes = app.screen.query_one("#theme", Select)
        offered = [str(prompt) for prompt, _ in themes._options]
        # samenwerk's own first, then Textual's, each saying where it comes from.
        assert offered[:3] == [
            "samenwerk (samenwerk)",
            "samenwerk-contrast (samenwerk)",
            "samenwerk-light (samenwerk)",
        ]
        assert "nord (Textual)" in offered
        await pilot.press("escape")
        await change_settings(pilot, theme="samenwerk-light")
        assert app.theme == "samenwerk-light" and not app.current_theme.dark
    saved = config_file().read_text("utf-8")
    assert saved == 'theme = "samenwerk-light"\nrecent = [\n    "' + str(workspace) + '",\n]\n'

    restarted = start(workspace)
    async with restarted.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert restarted.theme == "samenwerk-light"


async def test_textual_s_own_themes_stay_available_in_the_palette(workspace: Path) -> None:
    app = start(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        for ch in "nord":
            await pilot.press(ch)
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any(p.startswith("Theme: nord (Textual)") for p in prompts)
        index = next(i for i, p in enumerate(prompts) if p.startswith("Theme: nord"))
        app.screen.query_one(CommandList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
        # A built-in theme has no type colours of its own: the default theme's stand in.
        assert app.theme_variables["type-deliver"] == "#4E9BE6"
    assert load_config().theme == "nord"


async def test_a_user_theme_file_is_read_again_when_it_changes_without_a_restart(
    workspace: Path,
) -> None:
    app = start(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert "mijn-thema" not in app.available_themes
        user_themes_dir().mkdir(parents=True)
        path = user_themes_dir() / "mijn.toml"
        path.write_text(LIGHT_MINE, "utf-8")
        app.preferences.look()
        assert "mijn-thema" in app.available_themes
        app.theme = "mijn-thema"
        await pilot.pause()
        assert app.theme_variables["type-goals"] == "#9C6A00"
        path.write_text(LIGHT_MINE.replace("#9C6A00", "#AA0000"), "utf-8")
        os.utime(path, ns=(1, 1))  # a different modification time, even within one tick
        app.preferences.look()
        await pilot.pause()
        assert app.theme == "mijn-thema" and app.theme_variables["type-goals"] == "#AA0000"
        path.write_text(LIGHT_MINE.replace('"#9C6A00"', '"dark red"'), "utf-8")
        app.preferences.look()
        await pilot.pause()
        # Now broken: told, and the default theme takes over (the choice is kept).
        assert app.theme == "samenwerk"
        assert any("mijn.toml: variables.type-goals" in n for n in notes_told(app))
    assert load_config().theme == "mijn-thema"


async def test_a_bad_theme_file_is_told_in_one_sentence_and_the_app_starts(
    workspace: Path,
) -> None:
    user_themes_dir().mkdir(parents=True)
    (user_themes_dir() / "kapot.toml").write_text(LIGHT_MINE.replace("#224466", "blauwig"))
    config_file().write_text('theme = "mijn-thema"\n', "utf-8")
    app = start(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "samenwerk"  # the configured theme could not be read
        [told] = notes_told(app)
        assert told == (
            "Some theme files could not be read: kapot.toml: primary = 'blauwig' is not a colour."
        )
    assert config_file().read_text("utf-8").startswith('theme = "mijn-thema"\n')


async def test_an_unreadable_config_is_told_and_kept_aside_only_when_a_setting_changes(
    workspace: Path,
) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('theme = "samenwerk-light\n', "utf-8")
    app = start(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        [told] = notes_told(app)
        assert told.startswith("Your config file could not be read, so the defaults are used")
        assert told.endswith("then it is kept as config.toml.broken.")
        assert app.theme == "samenwerk"
        assert config_file().read_text("utf-8") == 'theme = "samenwerk-light\n'  # left alone
        assert not broken_file(config_file()).exists()
        await pilot.press("right_square_bracket")  # the first setting the user changes
        await pilot.pause()
        assert broken_file(config_file()).read_text("utf-8") == 'theme = "samenwerk-light\n'
        assert load_config().problem is None
        assert list(load_config().sort.values()) == ["updated"]
