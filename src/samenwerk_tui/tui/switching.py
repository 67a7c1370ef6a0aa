"""Leaving one workspace for another without leaving the app, and the welcome pane.

The app asks its :class:`Switcher` (the welcome pane's "open the demo", the palette's
"open a workspace"): the new session replaces the old one in the shared
:class:`~samenwerk_tui.tui.state.AppState`, every dialog closes, and the app then reads
the new workspace as it read the first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Session
from samenwerk_tui.services.workspaces import recent_workspaces
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.preferences import Preferences
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.state import AppState


class Switcher:
    """Opens another workspace in the app, and offers the welcome pane of an empty one."""

    def __init__(self, app: App[Any], state: AppState, preferences: Preferences) -> None:
        self.app = app
        self.state = state
        self.preferences = preferences
        self.welcomed = False  # the welcome pane was offered for this workspace

    def offer_welcome(self) -> None:
        """An empty workspace opens on the welcome pane (once per workspace opened)."""
        session = self.state.session
        if self.welcomed or session.records or session.problems:
            return
        self.welcomed = True
        from samenwerk_tui.tui.screens.welcome import WelcomeScreen

        recent = recent_workspaces(self.state.config, session.workspace.root)
        self.app.push_screen(WelcomeScreen(self.state, recent))

    def switch(self, opening: Callable[[], Session], root: Path | None = None) -> bool:
        """Leave this workspace for the one ``opening`` opens (``root``: where, to name it
        in a failure); True when it did, and the app is to read the new one."""
        app = self.app
        if self.state.git.syncing:
            tell(app, i18n.t("tui.workspace.busy"), "warning")
            return False
        try:
            session = opening()
        except (SamenwerkError, OSError) as exc:
            reason = i18n.text_of(exc) if isinstance(exc, SamenwerkError) else exc.strerror
            where = str(root or "")
            tell(app, i18n.t("tui.workspace.failed", path=where, reason=reason or exc), "error")
            return False
        while len(app.screen_stack) > 1:
            app.pop_screen()
        self.welcomed = False
        self.state.switch(session)
        app.title = plain(session.workspace.display_name)
        self.preferences.workspace_opened(session.workspace.root)
        tell(app, i18n.t("tui.workspace.opened", name=session.workspace.display_name))
        return True
