"""The samenwerk Textual app: themes, keymap, loading and polling around one session.

Blocking work runs in thread workers that end by posting a message: the first load of a
workspace (when the app is given an unloaded session), a look for outside changes every
second and whenever the terminal regains focus, and git (:mod:`samenwerk_tui.tui.git`).
The session is not thread-safe, so every use of it holds :attr:`SamenwerkApp.lock`; saves
are a few milliseconds and run on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.notifications import SeverityLevel

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import DomainError
from samenwerk_tui.services import sync as git_service
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import RefError, Refresh, Session
from samenwerk_tui.store.workspace import StoreError
from samenwerk_tui.tui.git import GitChecked, GitMixin, GitState
from samenwerk_tui.tui.providers import CommandsProvider, PartnershipsProvider
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.themes import DEFAULT_THEME, TYPE_VARIABLES, bundled_themes_dir, load_themes

_HERE = Path(__file__).parent
POLL_SECONDS = 1.0
SAVE_WAIT = 5.0  # seconds a save waits for the workspace lock before saying it is busy


class Loaded(Message):
    """The workspace has been read (in a worker)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class WorkspaceChanged(Message):
    """A poll found files changed outside the app."""

    def __init__(self, refresh: Refresh) -> None:
        super().__init__()
        self.refresh = refresh


class SamenwerkApp(GitMixin, App[int]):
    """The workbench on one workspace."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _HERE / "app.tcss",
        _HERE / "screens" / "main.tcss",
        _HERE / "screens" / "forms.tcss",
        _HERE / "widgets" / "widgets.tcss",
    ]
    COMMANDS: ClassVar[set[Any]] = {CommandsProvider, PartnershipsProvider}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        session: Session,
        config: Config | None = None,
        *,
        load: bool = False,
        poll: bool = True,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.config = config or Config()
        self.lock = threading.RLock()
        self.blink = blink
        self._load = load
        self._poll = poll
        self._polling = False
        self.git = GitState()
        self.theme_failures: list[str] = []
        themes, self.theme_failures = load_themes(bundled_themes_dir())
        for theme in themes:
            self.register_theme(theme)
        wanted = self.config.theme or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.title = plain(session.workspace.display_name)
        # Saves run on the UI thread: wait for another window's sync only briefly, then
        # say so (the form keeps its input); the status line shows that sync meanwhile.
        session.workspace.lock.timeout = SAVE_WAIT

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(TYPE_VARIABLES)

    def get_default_screen(self) -> MainScreen:
        screen = MainScreen()
        screen.loaded = not self._load
        return screen

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self._load:
            self.load_workspace()
        self.start_git()
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_workspace)
        if self.theme_failures:
            self.tell(i18n.t("tui.theme_failed", files="; ".join(self.theme_failures)), "warning")

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        """Read the workspace; whatever happens, the loading state ends with one sentence."""
        try:
            with self.lock:
                self.session.load()
        except StoreError as exc:
            self.post_message(Loaded(i18n.t(exc.key, **exc.params)))
            return
        except OSError as exc:
            self.post_message(Loaded(i18n.t("tui.os_error", reason=exc.strerror or str(exc))))
            return
        except Exception as exc:  # noqa: BLE001 - never leave the app stuck on "loading"
            reason = f"{type(exc).__name__}: {exc}"
            self.post_message(Loaded(i18n.t("tui.load_failed", reason=reason)))
            return
        self.post_message(Loaded())

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.main.data_loaded()
        if message.error:
            self.tell(message.error, "error")

    def poll_workspace(self) -> None:
        """Look for outside changes unless a look is already running."""
        if not self._polling and self.main.loaded and not self.git.syncing:
            self._polling = True
            self._poll_worker()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_worker(self) -> None:
        try:
            with self.lock:
                refresh = self.session.poll()
            elsewhere = git_service.sync_running_elsewhere(self.session)
            if elsewhere != self.git.elsewhere:
                self.git.elsewhere = elsewhere
                self.post_message(GitChecked(self.git.repo))
        except (OSError, StoreError):
            refresh = Refresh()
        finally:
            self._polling = False
        if refresh.any:
            self.post_message(WorkspaceChanged(refresh))

    @on(WorkspaceChanged)
    def _workspace_changed(self, _message: WorkspaceChanged) -> None:
        self.main.refresh_data()
        self.refresh_git()

    def on_app_focus(self) -> None:
        if self._poll:
            self.poll_workspace()

    # ------------------------------------------------------------------ changes

    def change(self, fn: Callable[[], Any]) -> tuple[Any, str | None]:
        """Run one session change under the lock; errors become one sentence.

        While a sync runs, git owns the files: the change is refused, and a form keeps
        its input so it can be saved a moment later.
        """
        if self.git.syncing:
            return None, i18n.t("tui.sync.busy")
        try:
            with self.lock:
                return fn(), None
        except (StoreError, DomainError) as exc:
            return None, i18n.t(exc.key, **exc.params)
        except RefError as exc:
            return None, i18n.t(exc.key, ref=exc.ref, candidates="; ".join(exc.candidates))
        except OSError as exc:
            return None, i18n.t("tui.os_error", reason=exc.strerror or str(exc))

    def tell(self, message: str, severity: SeverityLevel = "information") -> None:
        """Every notification: made safe (line breaks kept), never parsed as markup."""
        self.notify(plain(message, multiline=True), severity=severity, markup=False)
