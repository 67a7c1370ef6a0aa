"""The user's settings in the running app: theme, keymap, language, sort, remembered.

The app owns one :class:`Preferences`. At start it registers the theme files, chooses
the configured theme (Textual's built-in ones stay available), applies the checked
keymap, and reports in one notification each what could not be used: an unreadable
config file, a bad theme file, a keymap entry. Afterwards it is where a change of the
app's settings becomes a line in ``config.toml``: a theme chosen in the palette or the
settings, the language switched, the list sorted another way (per workspace). And it
looks every couple of seconds whether a user theme file or the config's ``[keymap]``
changed on disk, and applies them without a restart (as Posting does for themes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.config import (
    RECENT_MAX,
    Config,
    broken_file,
    git_user_name,
    load_config,
    workspace_key,
)
from samenwerk_tui.services.themes import DEFAULT_THEME
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.keymap import check_keymap
from samenwerk_tui.tui.state import AppState

#: How often the theme folder and the config file are looked at, in seconds.
RELOAD_SECONDS = 2.0


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Preferences:
    """Applies and remembers the app's settings (see the module's docstring)."""

    def __init__(self, app: App[Any], state: AppState) -> None:
        self.app = app
        self.state = state
        #: False until the app is running: choices made while starting are not the user's.
        self.live = False
        self._quiet = False
        self._config_stat = _stat(state.config.file)

    def start(self) -> None:
        """Register the themes, choose the configured one, apply the keymap (in __init__)."""
        app, state = self.app, self.state
        state.themes.load(app)
        wanted = state.config.theme or DEFAULT_THEME
        app.theme = wanted if wanted in app.available_themes else DEFAULT_THEME
        if state.keymap:
            app.set_keymap(dict(state.keymap))

    def report(self) -> None:
        """Tell what could not be used: the config file, theme files, keymap entries."""
        config = self.state.config
        if config.problem:
            broken = broken_file(config.file).name
            tell(self.app, i18n.t("tui.config.broken", reason=config.problem, file=broken), "error")
        if self.state.themes.problems:
            files = self.state.themes.problem_text()
            tell(self.app, i18n.t("tui.theme_failed", files=files), "warning")
        self._report_keymap()
        self.live = True

    def _report_keymap(self) -> None:
        problems = self.state.keymap_check.problems
        if problems:
            text = i18n.t("tui.keymap.problems", problems=" ".join(problems))
            tell(self.app, text, "warning")

    def save(self, edit: Callable[[Config], Config]) -> None:
        """Write a change of the settings; a file that cannot be written is told."""
        try:
            self.state.configure(edit)
        except SamenwerkError as exc:
            tell(self.app, i18n.text_of(exc), "error")
        self._config_stat = _stat(self.state.config.file)

    # ------------------------------------------------------------------ changes

    def theme_changed(self, name: str) -> None:
        """A theme was chosen (palette, settings): keep it for the next start."""
        if not self.live or self._quiet:
            return
        if self.state.config.theme != name:
            self.save(lambda c: replace(c, theme=name))
        tell(self.app, i18n.t("tui.theme.chosen", name=name))

    def language_changed(self, lang: str) -> None:
        """The language was switched: the footer and new notifications in the new one."""
        self.app.clear_notifications()  # they were written in the other language
        if self.state.config.lang != lang:
            self.save(lambda c: replace(c, lang=lang))
        self.app.refresh_bindings()  # the footer reads its labels again
        tell(self.app, i18n.t("tui.language.chosen"))

    def sort_changed(self, sort: str) -> None:
        """The list is sorted another way: keep it for this workspace (in the config)."""
        key = workspace_key(self.state.session.workspace.root)
        if self.state.config.sort.get(key) != sort:
            self.save(lambda c: replace(c, sort={**c.sort, key: sort}))
        tell(self.app, i18n.t("tui.sort.chosen", sort=i18n.t(f"tui.sort.{sort}")))

    def workspace_opened(self, root: Path) -> None:
        """Put ``root`` first in the recent workspaces (not while the config is unreadable)."""
        config = self.state.config
        key = workspace_key(root)
        if config.problem is None and config.recent[:1] != [key]:
            self.save(lambda c: replace(c, recent=_first(key, c.recent)))

    def check_author(self) -> None:
        """Ask for a name once if neither the config nor git knows it (in a worker: git)."""
        if self.state.config.author is None:
            self.app.run_worker(self._ask_if_nameless, thread=True, exit_on_error=False)

    def _ask_if_nameless(self) -> None:
        if git_user_name(self.state.session.workspace.root) is None:
            from samenwerk_tui.tui.screens.author import AuthorPrompt  # rarely needed

            self.app.call_from_thread(self.app.push_screen, AuthorPrompt(self.state))

    # ------------------------------------------------------------------ outside changes

    def look(self) -> None:
        """Apply user theme files and a ``[keymap]`` edited since the last look."""
        self._quiet = True
        try:
            if self.state.themes.reload_if_changed(self.app) and self.state.themes.problems:
                files = self.state.themes.problem_text()
                tell(self.app, i18n.t("tui.theme_failed", files=files), "warning")
        finally:
            self._quiet = False
        current = _stat(self.state.config.file)
        if current == self._config_stat:
            return
        self._config_stat = current
        fresh = load_config(self.state.config.file)
        if fresh.problem is not None or fresh.keymap == self.state.config.keymap:
            return
        self.state.config = replace(self.state.config, keymap=fresh.keymap)
        self.state.keymap_check = check_keymap(fresh.keymap)
        self.app.set_keymap(dict(self.state.keymap))
        self._report_keymap()


def _first(key: str, recent: list[str]) -> list[str]:
    """``recent`` with ``key`` moved (or added) to the front, at most :data:`RECENT_MAX`."""
    return [key, *(r for r in recent if r != key)][:RECENT_MAX]
