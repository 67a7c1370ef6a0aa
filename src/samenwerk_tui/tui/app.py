"""The samenwerk Textual app: themes, keymap, and the workers around one session.

The app makes the :class:`~samenwerk_tui.tui.state.AppState` and hands it to the main
screen; everything the screens show flows from it. The app owns the work that outlives
any one screen, each in a thread worker that ends by posting a message: the first load
of a workspace (when given an unloaded session), a look for outside changes every second
and whenever the terminal regains focus, and git (:mod:`samenwerk_tui.tui.git`), which
screens ask for with :mod:`samenwerk_tui.tui.messages`. Its handlers update the session
and the state's vars; they never call a screen. The session is not thread-safe, so every
use of it holds :attr:`AppState.lock`; saves are a few milliseconds and run on the UI
thread.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import App
from textual.message import Message

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Refresh
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui.commands import key_for
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.git import (
    SEVERITY,
    GitChecked,
    Repaired,
    SyncDone,
    SyncProgress,
    look,
    repair,
    sync,
    sync_report,
)
from samenwerk_tui.tui.messages import RepairRequested, SyncRequested
from samenwerk_tui.tui.providers import CommandsProvider, PartnershipsProvider
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.state import AppState, DataVersion
from samenwerk_tui.tui.themes import DEFAULT_THEME, TYPE_VARIABLES, bundled_themes_dir, load_themes

_HERE = Path(__file__).parent
POLL_SECONDS = 1.0


class Loaded(Message):
    """The workspace has been read (in a worker); ``error`` says why not, if it was not."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class WorkspaceChanged(Message):
    """A poll found files changed outside the app."""

    def __init__(self, refresh: Refresh) -> None:
        super().__init__()
        self.refresh = refresh


class SamenwerkApp(App[int]):
    """The workbench on one workspace."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _HERE / "app.tcss",
        _HERE / "screens" / "main.tcss",
        _HERE / "screens" / "forms.tcss",
        _HERE / "screens" / "decide.tcss",
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
        self.state = AppState(session, config or Config(), loaded=not load, blink=blink)
        self._load = load
        self._poll = poll
        self._polling = False
        self._git_busy = False
        self._git_again = False
        themes, self.theme_failures = load_themes(bundled_themes_dir())
        for theme in themes:
            self.register_theme(theme)
        wanted = self.state.config.theme or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        if self.state.config.keymap:
            self.set_keymap(self.state.config.keymap)
        self.title = plain(session.workspace.display_name)

    @property
    def session(self) -> Session:
        return self.state.session

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(TYPE_VARIABLES)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.state)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.watch(self.state, "data_version", self._data_changed, init=False)
        if self._load:
            self.load_workspace()
        self._git_busy = True
        self._git_worker(True)
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_workspace)
        if self.theme_failures:
            files = "; ".join(self.theme_failures)
            tell(self, i18n.t("tui.theme_failed", files=files), "warning")

    # ------------------------------------------------------------------ loading, polling

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        """Read the workspace; whatever happens, the loading state ends with one sentence."""
        try:
            with self.state.lock:
                self.session.load()
        except SamenwerkError as exc:
            self.post_message(Loaded(i18n.text_of(exc)))
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
        self.state.loaded = True
        self.state.data_changed()
        if message.error:
            tell(self, message.error, "error")

    def poll_workspace(self) -> None:
        """Look for outside changes unless a look is already running."""
        if not self._polling and self.state.loaded and not self.state.git.syncing:
            self._polling = True
            self._poll_worker()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_worker(self) -> None:
        try:
            with self.state.lock:
                refresh = self.session.poll()
        except (OSError, SamenwerkError):
            refresh = Refresh()
        finally:
            self._polling = False
        if refresh.any:
            self.post_message(WorkspaceChanged(refresh))

    @on(WorkspaceChanged)
    def _workspace_changed(self, _message: WorkspaceChanged) -> None:
        self.state.data_changed()
        self.refresh_git()

    def on_app_focus(self) -> None:
        if self._poll:
            self.poll_workspace()

    def _data_changed(self, version: DataVersion) -> None:
        if version.saved:  # a save here: the changed marks are out of date
            self.refresh_git()

    # ------------------------------------------------------------------ git status

    def refresh_git(self) -> None:
        """Re-read which files changed since the last commit (after a save, a poll, a sync)."""
        if self.state.git.repo is False:
            return
        if self._git_busy:
            self._git_again = True
            return
        self._git_busy = True
        self._git_worker(False)

    @work(thread=True, group="git-status", exit_on_error=False)
    def _git_worker(self, prepare: bool) -> None:
        checked = GitChecked(self.state.git.repo, self.state.git.changed)
        try:
            checked = look(self.session, checked.repo, prepare=prepare)
        finally:
            self.post_message(checked)

    @on(GitChecked)
    def _git_checked(self, message: GitChecked) -> None:
        self._git_busy = False
        self.state.git = replace(self.state.git, repo=message.repo, changed=message.changed)
        if self._git_again:
            self._git_again = False
            self.refresh_git()

    # ------------------------------------------------------------------ sync, repair

    @on(SyncRequested)
    def start_sync(self) -> None:
        """``s``: commit, pull and push in a worker; the status line shows each step."""
        git_state = self.state.git
        if git_state.syncing or not git_state.repo:
            return
        self.state.git = replace(git_state, syncing=True, progress=i18n.t("tui.sync.starting"))
        self._sync_worker()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_worker(self) -> None:
        def progress(text: str) -> None:
            self.post_message(SyncProgress(text))

        self.post_message(sync(self.session, progress))

    @on(SyncProgress)
    def _sync_progress(self, message: SyncProgress) -> None:
        if self.state.git.syncing:
            self.state.git = replace(self.state.git, progress=message.text)

    @on(SyncDone)
    def _sync_done(self, message: SyncDone) -> None:
        result = message.result
        with self.state.lock:
            self.session.reload_names(result.changed_names)
        last_sync = datetime.now() if result.status in ("ok", "conflicts") else None
        self.state.git = replace(
            self.state.git,
            syncing=False,
            progress="",
            last_sync=last_sync or self.state.git.last_sync,
        )
        self.state.data_changed()
        self.refresh_git()
        report = sync_report(result, self.state.keymap)
        tell(self, report, SEVERITY.get(result.status, "information"))

    @on(RepairRequested)
    def _repair_requested(self, message: RepairRequested) -> None:
        self._repair_worker(message.name)

    @work(thread=True, exclusive=True, group="repair", exit_on_error=False)
    def _repair_worker(self, name: str) -> None:
        self.post_message(repair(self.session, name))

    @on(Repaired)
    def _repaired(self, message: Repaired) -> None:
        if message.error is not None:
            reason = i18n.t("tui.repair.failed", file=message.name, reason=message.error)
            tell(self, reason, "error")
            return
        with self.state.lock:
            self.session.reload_names([message.name])
            records = self.session.records.values()
            record = next((r for r in records if r.name == message.name), None)
        self.state.data_changed(focus=record.id if record is not None else None)
        self.refresh_git()
        name = record.facets.name if record is not None else message.name
        key = "tui.repair.done_conflicts" if message.conflicts else "tui.repair.done"
        resolve_key = key_for("main.resolve", self.state.keymap)
        tell(self, i18n.t(key, name=name, count=message.conflicts, key=resolve_key))
