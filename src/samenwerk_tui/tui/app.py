"""The samenwerk Textual app: the workers around one session, and the user's settings.

The app makes the :class:`~samenwerk_tui.tui.state.AppState` and hands it to the main
screen; everything the screens show flows from it. Themes, keymap, language and sort
order are :class:`~samenwerk_tui.tui.preferences.Preferences`' (applied at start,
remembered in ``config.toml`` when the user changes them); the app also opens another
workspace when asked (the welcome pane of an empty workspace, the palette), without
leaving, and keeps keys typed ahead of a new screen for it (:mod:`.typeahead`). The app
owns the work that outlives any one screen, each in a thread worker that ends by posting
a message: the first load of a workspace (when given an unloaded session), a look for
outside changes every second and whenever the terminal regains focus, and git
(:mod:`samenwerk_tui.tui.git`), which screens ask for with :mod:`.messages`. Its
handlers update the session and the state's vars; they never call a screen. The session
is not thread-safe, so every use of it holds :attr:`AppState.lock`; saves are a few
milliseconds and run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette, Provider
from textual.timer import Timer

from samenwerk_tui import i18n
from samenwerk_tui.domain.ordering import next_sort
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Refresh
from samenwerk_tui.services.config import Config, cache_dir
from samenwerk_tui.services.session import Session
from samenwerk_tui.services.workspaces import open_demo, open_folder
from samenwerk_tui.tui.commands import bindings
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.git import (
    SEVERITY,
    GitChecked,
    Repaired,
    SyncDone,
    SyncElsewhere,
    SyncProgress,
    look,
    repair,
    repaired_report,
    sync,
    sync_report,
)
from samenwerk_tui.tui.loading import (
    Arriving,
    Loaded,
    WorkspaceChanged,
    read_workspace,
    settle_memory,
)
from samenwerk_tui.tui.messages import OpenDemo, OpenWorkspace, RepairRequested, SyncRequested
from samenwerk_tui.tui.preferences import RELOAD_SECONDS, Preferences
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.state import AppState, DataVersion
from samenwerk_tui.tui.style_cache import STYLES_FILE, CachedStylesheet, StyleCache
from samenwerk_tui.tui.switching import Switcher
from samenwerk_tui.tui.themes import ThemeRegistry
from samenwerk_tui.tui.typeahead import TypeAhead

_HERE = Path(__file__).parent
POLL_SECONDS = 1.0
#: How often a long read's progress (and the partnerships read so far) is shown.
PROGRESS_SECONDS = 0.05


def _provider(module: str, name: str) -> Callable[[], type[Provider]]:
    """A palette provider, imported when the palette first opens (not at start-up)."""

    def load() -> type[Provider]:
        provider: type[Provider] = getattr(import_module(f"samenwerk_tui.tui.{module}"), name)
        return provider

    return load


class SamenwerkApp(App[int]):
    """The workbench on one workspace."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _HERE / "app.tcss",
        _HERE / "screens" / "main.tcss",
        _HERE / "widgets" / "widgets.tcss",
    ]  # the dialogs' styles come with the first dialog (screens.DIALOG_CSS)
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("app"))
    COMMANDS: ClassVar[set[Any]] = {
        _provider("providers", "CommandsProvider"),
        _provider("providers", "PartnershipsProvider"),
        _provider("settings_providers", "SettingsProvider"),
        _provider("providers", "ScreenCommandsProvider"),
    }
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
        #: Textual's parsed style sheets, kept between runs (:mod:`.style_cache`).
        self.style_cache = StyleCache(cache_dir() / STYLES_FILE)
        # (the variables Textual has just made for its own stylesheet: made again, 0.6 ms)
        variables = dict(self.theme_variables)
        self.stylesheet = CachedStylesheet(self.style_cache, variables=variables)
        self.state = AppState(session, config or Config(), loaded=not load, blink=blink)
        self._load = load
        self._poll = poll
        self._polling = False
        self._git_busy = False
        self._git_after_load = False
        self._git_again = False
        self.typeahead = TypeAhead(self, super().on_event)
        self._progress_timer: Timer | None = None
        self.preferences = Preferences(self, self.state)
        self.switcher = Switcher(self, self.state, self.preferences)
        textual_default = self.theme
        self.preferences.start()
        # Another theme queued Textual's full parse of every stylesheet (refresh_css).
        self._theme_chosen_early = self.theme != textual_default
        self.title = plain(session.workspace.display_name)

    @property
    def session(self) -> Session:
        return self.state.session

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The type colours of the default theme, for themes without their own (Textual's).

        Textual asks once before the state exists (while it is made): grey then.
        """
        state: AppState | None = getattr(self, "state", None)
        return dict(state.themes.type_defaults if state else ThemeRegistry().type_defaults)

    def refresh_css(self, animate: bool = True) -> None:
        """Textual's, except before the app is mounted: then only the theme's variables.

        The theme is chosen in ``__init__``, and Textual answers a new theme with a full
        parse of every stylesheet, queued to run first thing (this call); nothing is
        styled yet then, and that parse's results were thrown away, so the first styling
        parsed it all again. Given the variables, it is parsed once, when first needed.
        """
        if self._theme_chosen_early:
            self._theme_chosen_early = False
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.state)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        assert isinstance(screen, MainScreen)
        return screen

    async def on_event(self, event: events.Event) -> None:
        """Keys go on one at a time, in order, and wait for a new screen (:mod:`.typeahead`)."""
        if not await self.typeahead.takes(event):
            await super().on_event(event)
            await self.typeahead.returned(event)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.typeahead.screen_changed, immediate=True)
        state, preferences = self.state, self.preferences
        self.watch(state, "data_version", self._data_changed, init=False)
        self.watch(state, "language", preferences.language_changed, init=False)
        self.watch(state, "sort", preferences.sort_changed, init=False)
        self._git_busy = True
        self._git_after_load = self._load
        if self._load:
            self._start_loading()
        else:
            self._offer_welcome()
            self.call_after_refresh(self._shown)
            # After the first paint: git (a subprocess, and importing git support) would
            # compete with it for the interpreter, and the list matters first. (After a
            # long read, once it is done: the rows read so far come first.)
            self.call_after_refresh(self._git_worker, True)
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_workspace)
            self.set_interval(RELOAD_SECONDS, preferences.look)
        preferences.report()
        # After the first paint: remembering the workspace may write the config file, and
        # asking git is a process, which would take a core from it.
        self.call_after_refresh(preferences.workspace_opened, state.session.workspace.root)
        self.call_after_refresh(preferences.check_author)

    def _shown(self) -> None:
        """The workspace is read and on screen: what can wait for that, now."""
        settle_memory()
        self.session.warm()

    def watch_theme(self, name: str) -> None:
        self.preferences.theme_changed(name)

    def action_command_palette(self) -> None:
        """The palette, with its search field in the language in use."""
        from samenwerk_tui.tui.providers import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = i18n.t("tui.palette.placeholder")
            self.push_screen(Palette(placeholder=placeholder, id="--command-palette"))

    # ------------------------------------------------------------------ loading, polling

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        """Read the workspace; whatever happens, the loading state ends with one sentence."""
        self.post_message(read_workspace(self.session, self.state.lock))

    def _start_loading(self) -> None:
        """Read the session's workspace; each step of a long read is shown at once (posted
        from the reading thread: ``post_message`` is thread-safe), the progress by a timer."""
        self.session.reader.on_arrived = self._post_arriving
        self.load_workspace()
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self._progress_timer = self.set_interval(PROGRESS_SECONDS, self._show_progress)

    def _post_arriving(self) -> None:
        self.post_message(Arriving())

    @on(Arriving)
    def _show_progress(self) -> None:
        """While a workspace is read: how far, and the partnerships read so far."""
        if not self.state.show_reading() and self._progress_timer is not None:
            self._progress_timer.stop()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.state.loaded = True
        self.state.data_changed()
        self.call_after_refresh(self._shown)
        if self._git_after_load:  # the first look at git, now
            self._git_after_load = False
            self.call_after_refresh(self._git_worker, True)
        if message.error:
            tell(self, message.error, "error")
        else:
            self._offer_welcome()

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
            from samenwerk_tui.services import git_session  # with the worker, not the app

            elsewhere = git_session.sync_running_elsewhere(self.session)
            if elsewhere != self.state.git.elsewhere:
                self.post_message(SyncElsewhere(elsewhere))
        except (OSError, SamenwerkError):
            refresh = Refresh()
        finally:
            self._polling = False
        if refresh.any:
            self.post_message(WorkspaceChanged(refresh))

    @on(SyncElsewhere)
    def _sync_elsewhere(self, message: SyncElsewhere) -> None:
        self.state.git = self.state.git._replace(elsewhere=message.elsewhere)

    @on(WorkspaceChanged)
    def _workspace_changed(self, message: WorkspaceChanged) -> None:
        refresh = message.refresh
        only = None if refresh.problems_changed else refresh.changed | refresh.removed
        self.state.data_changed(only=only)
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
        session = self.session
        checked = GitChecked(self.state.git.repo, self.state.git.changed)
        try:
            checked = look(session, checked.repo, prepare=prepare, lock=self.state.lock)
        finally:
            if self.session is session:  # not about a workspace left meanwhile
                self.post_message(checked)

    @on(GitChecked)
    def _git_checked(self, message: GitChecked) -> None:
        self._git_busy = False
        self.state.git = self.state.git._replace(
            repo=message.repo,
            changed=message.changed,
            operation=message.operation,
            rebuildable=message.rebuildable,
        )
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
        self.state.git = git_state._replace(syncing=True, progress=i18n.t("tui.sync.starting"))
        self._sync_worker()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_worker(self) -> None:
        def progress(text: str) -> None:
            self.post_message(SyncProgress(text))

        self.post_message(sync(self.session, progress))

    @on(SyncProgress)
    def _sync_progress(self, message: SyncProgress) -> None:
        if self.state.git.syncing:
            self.state.git = self.state.git._replace(progress=message.text)

    @on(SyncDone)
    def _sync_done(self, message: SyncDone) -> None:
        result = message.result
        with self.state.lock:
            self.session.reload_names(result.changed_names)
        last_sync = datetime.now() if result.status in ("ok", "conflicts") else None
        self.state.git = self.state.git._replace(
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
        with self.state.lock:
            text, severity, focus = repaired_report(self.session, message, self.state.keymap)
        if severity != "error":
            self.state.data_changed(focus=focus)
            self.refresh_git()
        tell(self, text, severity)

    # ------------------------------------------------------------------ other workspaces

    def _offer_welcome(self) -> None:
        self.switcher.offer_welcome()

    @on(OpenDemo)
    def _open_demo(self) -> None:
        if self.switcher.switch(lambda: open_demo(self.state.language, self.session.author)):
            self._reopened()

    @on(OpenWorkspace)
    def _open_workspace(self, message: OpenWorkspace) -> None:
        root, create = message.root, message.create
        opening = lambda: open_folder(root, self.session.author, create=create)  # noqa: E731
        if self.switcher.switch(opening, root):
            self._reopened()

    def _reopened(self) -> None:
        """Another workspace replaced this one: read it, and look at its git."""
        self._start_loading()
        self._git_busy, self._git_again = True, False
        self._git_worker(True)  # as on every open: is it a repository, register the driver

    # ------------------------------------------------------------------ settings, sort, copy

    def action_settings(self) -> None:
        from samenwerk_tui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.state))

    def action_cycle_sort(self, step: int) -> None:
        self.state.sort = next_sort(self.state.sort, step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("copy"):
            return None if self.state.record(self.state.selected) is None else True
        return True

    def action_copy(self, what: str = "") -> None:
        """``ctrl+c`` (and the palette's copy entries): see ``tui/clipboard.py``."""
        from samenwerk_tui.tui.clipboard import copy as copy_to_clipboard

        copy_to_clipboard(self, self.state, what)
