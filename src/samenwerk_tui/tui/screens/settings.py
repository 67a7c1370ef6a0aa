"""The settings screen: language, theme, your name and the default workspace.

A form like the others (``ctrl+s`` saves, ``escape`` cancels), but what it saves are the
user's settings, not a partnership: :meth:`AppState.configure` writes ``config.toml``
(never the workspace). Only the settings the user changed in the form are written, onto
the file as it is on disk now, so a setting that came from elsewhere (the locale's
language, a colleague's edit of the file) is not pinned by saving another. A new theme
and a new language take effect at once, on every screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.config import Config, find_author
from samenwerk_tui.services.workspaces import folder_kind, typed_folder
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.screens.forms.base import FormScreen, label, text_input
from samenwerk_tui.tui.state import AppState


@dataclass(frozen=True)
class SettingsValues:
    """What the settings form holds (an empty text field: not set)."""

    lang: str
    theme: str
    author: str | None
    workspace: str | None

    def changes_from(self, start: SettingsValues) -> dict[str, str | None]:
        """The config fields the user changed, by name."""
        return {
            name: getattr(self, name)
            for name in ("lang", "theme", "author", "workspace")
            if getattr(self, name) != getattr(start, name)
        }


class SettingsScreen(FormScreen[SettingsValues]):
    """Language, theme, author name and default workspace; saved in ``config.toml``."""

    title_key = "tui.settings.title"

    def __init__(self, state: AppState) -> None:
        super().__init__(state)
        config = state.config
        self.start = SettingsValues(state.language, "", config.author, config.workspace)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        self.start = start = replace(self.start, theme=self.app.theme)
        languages = [(Content(i18n.t(f"tui.language.name_{c}")), c) for c in i18n.LANGUAGES]
        yield (
            label("tui.settings.language"),
            Select(languages, value=start.lang, allow_blank=False, id="lang", compact=True),
        )
        labels = self.state.themes.label
        order = self.state.themes.order(self.app.available_themes)
        themes = [(Content(labels(name)), name) for name in order]
        yield (
            label("tui.settings.theme"),
            Select(themes, value=start.theme, allow_blank=False, id="theme", compact=True),
        )
        yield (
            label("tui.settings.author"),
            text_input(
                start.author or "",
                "author",
                placeholder=plain(
                    i18n.t("tui.settings.author_hint", name=self.state.session.author)
                ),
            ),
        )
        yield (
            label("tui.settings.workspace"),
            text_input(
                start.workspace or "",
                "workspace",
                placeholder=i18n.t("tui.settings.workspace_hint"),
            ),
        )

    def values(self) -> SettingsValues:
        author = self.query_one("#author", Input).value.strip()
        workspace = self.query_one("#workspace", Input).value.strip()
        changed = workspace and workspace != self.start.workspace
        if changed and folder_kind(typed_folder(workspace)) != "workspace":
            raise SamenwerkError("tui.settings.no_workspace", path=workspace)
        return SettingsValues(
            lang=str(self.query_one("#lang", Select).value),
            theme=str(self.query_one("#theme", Select).value),
            author=author or None,
            workspace=workspace or None,
        )

    def action_save(self) -> None:
        """Write what changed, then show it: the new theme and language at once."""
        try:
            values = self.values()
            changes = values.changes_from(self.start)
            if changes:
                self.state.configure(lambda c: _with(c, changes))
        except SamenwerkError as exc:
            self.show_error(i18n.text_of(exc))
            return
        state, app = self.state, self.app
        if "author" in changes:
            root = state.session.workspace.root
            name = values.author or find_author(state.config, root).name
            with state.lock:
                state.session.author = name
        self.dismiss(True)
        if values.theme != app.theme:
            app.theme = values.theme
        if values.lang != state.language:
            state.set_language(values.lang)
        if changes:
            tell(app, i18n.t("tui.settings.saved", file=str(state.config.file)))


def _with(config: Config, changes: dict[str, str | None]) -> Config:
    """``config`` with the changed settings (``theme`` and ``lang`` are never empty)."""
    return replace(
        config,
        lang=changes.get("lang", config.lang),
        theme=changes.get("theme", config.theme),
        author=changes.get("author", config.author),
        workspace=changes.get("workspace", config.workspace),
    )
