"""Palette entries for the settings: theme, language, other workspaces, copy.

Beside the command table's commands (:mod:`.providers`), the palette offers every theme
("Theme: nord (Textual)"), the other language ("Language: Nederlands"), the workspace
switcher (the recent workspaces, another folder, the demo) and copying the selected
partnership's summary or notes. A choice changes the state or asks the app, as a key
would; nothing here saves by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from samenwerk_tui import i18n
from samenwerk_tui.services.workspaces import recent_workspaces, shown_path
from samenwerk_tui.tui.messages import OpenDemo, OpenWorkspace
from samenwerk_tui.tui.safe import markup_escaped, plain
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.state import AppState


@dataclass(frozen=True)
class Entry:
    """One palette entry: its title (plain text), what it does, a help sentence."""

    title: str
    run: Callable[[], object]
    help: str
    discover: bool = True


class SettingsProvider(Provider):
    """Themes, languages, workspaces and copying, from the main screen."""

    def _entries(self, screen: MainScreen) -> Iterator[Entry]:
        state, app = screen.state, self.app
        yield Entry(
            i18n.t("tui.settings.palette"),
            partial(screen.run_action, "app.settings"),
            i18n.t("tui.settings.palette_help"),
        )
        for code in i18n.LANGUAGES:
            if code != state.language:
                name = i18n.t(f"tui.language.name_{code}")
                yield Entry(
                    i18n.t("tui.language.switch", name=name),
                    partial(state.set_language, code),
                    i18n.t("tui.language.switch_help"),
                )
        root = state.session.workspace.root
        for other in recent_workspaces(state.config, root):
            yield Entry(
                i18n.t("tui.workspace.palette_recent", name=other.name),
                partial(app.post_message, OpenWorkspace(other)),
                i18n.t("tui.workspace.palette_recent_help", path=shown_path(other)),
            )
        yield Entry(
            i18n.t("tui.workspace.palette_open"),
            partial(_ask_for_folder, app, state),
            i18n.t("tui.workspace.palette_open_help"),
        )
        yield Entry(
            i18n.t("tui.workspace.palette_demo"),
            partial(app.post_message, OpenDemo()),
            i18n.t("tui.workspace.palette_demo_help"),
        )
        if state.record(state.selected) is not None:
            for what in ("summary", "notes"):
                yield Entry(
                    i18n.t(f"tui.copy.palette_{what}"),
                    partial(screen.run_action, f"app.copy('{what}')"),
                    i18n.t(f"tui.copy.palette_{what}_help"),
                )
        for name in sorted(app.available_themes):
            if name != app.theme:
                yield Entry(
                    i18n.t("tui.theme.switch", name=state.themes.label(name)),
                    partial(setattr, app, "theme", name),
                    i18n.t("tui.theme.switch_help"),
                    discover=False,
                )

    async def discover(self) -> Hits:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        for entry in self._entries(screen):
            if entry.discover:
                title = plain(entry.title)
                yield DiscoveryHit(Content(title), entry.run, title, escape(plain(entry.help)))

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = self.matcher(query)
        for entry in self._entries(screen):
            title = plain(entry.title)  # workspace names are the user's folders
            score = matcher.match(title)
            if score > 0:
                shown = matcher.highlight(markup_escaped(entry.title))
                yield Hit(score, shown, entry.run, title, escape(plain(entry.help)))


def _ask_for_folder(app: App[object], state: AppState) -> None:
    """The prompt for another folder (its screen imported when first asked for)."""
    from samenwerk_tui.tui.screens.folder import FolderPrompt

    app.push_screen(FolderPrompt(state))
