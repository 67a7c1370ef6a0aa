"""Themes in the app: the bundled and user theme files, registered with Textual, reloaded
when a user file changes.

What a theme file holds and how it is checked is :mod:`samenwerk_tui.services.themes`;
this module asks Textual's colour parser whether a value is a colour, turns each checked
file into a Textual ``Theme`` and registers it. Textual's built-in themes stay available.
The four type colours are theme variables (``$type-deliver`` …); a theme without them
(Textual's own) gets those of the bundled default theme, the one place they are defined.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from samenwerk_tui import i18n
from samenwerk_tui.services.config import user_themes_dir
from samenwerk_tui.services.themes import (
    DEFAULT_THEME,
    NEUTRAL,
    TYPE_VARIABLES,
    ThemeProblem,
    ThemeSpec,
    folder_signature,
    read_themes,
)

ThemeSource = Literal["bundled", "user", "builtin"]

__all__ = ["DEFAULT_THEME", "ThemeRegistry", "is_colour", "to_textual"]


def is_colour(value: str) -> bool:
    """Whether Textual can show ``value`` as a colour (``#4E9BE6``, ``rgb(…)``, ``red``)."""
    try:
        Color.parse(value)
    except (ColorParseError, ValueError):
        return False
    return True


def to_textual(spec: ThemeSpec) -> Theme:
    """A checked theme file as a Textual ``Theme``."""
    c = spec.colours.get
    return Theme(
        name=spec.name,
        primary=spec.colours["primary"],
        secondary=c("secondary"),
        warning=c("warning"),
        error=c("error"),
        success=c("success"),
        accent=c("accent"),
        foreground=c("foreground"),
        background=c("background"),
        surface=c("surface"),
        panel=c("panel"),
        dark=spec.dark,
        variables=dict(spec.variables),
    )


class ThemeRegistry:
    """The theme files an app has registered, and where each theme comes from."""

    def __init__(self) -> None:
        self.sources: dict[str, ThemeSource] = {name: "builtin" for name in BUILTIN_THEMES}
        self.problems: list[ThemeProblem] = []
        self.type_defaults = {key: NEUTRAL for key in TYPE_VARIABLES}
        self._user: dict[str, ThemeSpec] = {}
        self._signature = folder_signature(user_themes_dir())

    def load(self, app: App[Any]) -> list[ThemeProblem]:
        """Read every theme file and register with ``app`` those that are fine; the
        others' problems."""
        files = read_themes(is_colour, taken=BUILTIN_THEMES)
        for spec in files.themes:
            app.register_theme(to_textual(spec))
            self.sources[spec.name] = spec.source
            if spec.name == DEFAULT_THEME:
                self.type_defaults = {k: spec.variables[k] for k in TYPE_VARIABLES}
        for name in set(self._user) - {s.name for s in files.themes if s.source == "user"}:
            app.unregister_theme(name)
            self.sources.pop(name, None)
        self._user = {s.name: s for s in files.themes if s.source == "user"}
        self.problems = files.problems
        return files.problems

    def reload_if_changed(self, app: App[Any]) -> bool:
        """Read the user's theme files again if any was added, edited or removed.

        The theme in use is redrawn with its new colours; if its file went away, the
        default theme takes over. True if anything was read again.
        """
        signature = folder_signature(user_themes_dir())
        if signature == self._signature:
            return False
        self._signature = signature
        before = dict(self._user)
        self.load(app)
        current = app.theme
        if current in before and current not in self._user:
            app.theme = DEFAULT_THEME
        elif current in self._user and self._user[current] != before.get(current):
            # Same name, new colours: Textual redraws only when the name changes.
            app.refresh_css(animate=False)
            app.theme_changed_signal.publish(app.current_theme)
        return True

    def source(self, name: str) -> ThemeSource:
        return self.sources.get(name, "builtin")

    def label(self, name: str) -> str:
        """The theme's name with where it comes from: ``nord (Textual)``."""
        return i18n.t(f"tui.theme.from_{self.source(name)}", name=name)

    def problem_text(self) -> str:
        """Every problem as one sentence per file, joined (for one notification)."""
        return " ".join(i18n.text_of(p) for p in self.problems)

    def order(self, names: Iterable[str]) -> list[str]:
        """Theme names as a person looks for them: samenwerk's, your own, then Textual's."""
        rank = {"bundled": 0, "user": 1, "builtin": 2}
        return sorted(names, key=lambda n: (rank[self.source(n)], n))
