"""The app's state, and how state and events move through the TUI.

Read this before adding a screen; then read one screen (``screens/history.py`` is the
smallest that loads, ``screens/resolve.py`` one that saves, ``screens/main.py`` the lot).

**State flows down.** One :class:`AppState` holds what every screen may show: the
:class:`Session` (the records, used under :attr:`AppState.lock`), the config, and a few
Textual ``var``\\ s: :attr:`~AppState.loaded`, :attr:`~AppState.data_version` (bumped
whenever the session's records changed, by a save here, a poll, a sync or a repair),
:attr:`~AppState.git`, :attr:`~AppState.selected` (the row under the list's cursor),
:attr:`~AppState.filter`, :attr:`~AppState.sort` (the list's order) and
:attr:`~AppState.language` (a switch redraws every screen in the new language). Settings
are saved with :meth:`AppState.configure`, which writes the user's ``config.toml`` (never
anything in the workspace). The app makes the state and hands
it to every screen it opens (``MainScreen(state)``); a screen hands it on to the screens
and forms it opens. A screen ``watch``\\ es the vars it shows (the state is not mounted,
so watchers are plain functions, never ``async``) and hands plain values down to its
widgets, which know nothing of the state.

**Events flow up.** A widget posts a message to its screen (``PartnershipList.Highlighted``);
a form posts its ``Submitted`` message, carrying a frozen dataclass of what was typed, to
the screen it was opened over, which saves and answers with ``form.answer(error)``; a
screen posts :mod:`~samenwerk_tui.tui.messages` (``SyncRequested``) to the app, which
owns the long-running workers. No screen or widget imports ``tui/app.py``, ``gitsync`` or
``store``: they call ``services``.

**One path for changes.** A screen saves with ``state.apply(lambda s: s.classify(...))``:
the function calls one session method, which returns one
:class:`~samenwerk_tui.services.changes.Change`. :meth:`AppState.apply` holds the lock,
refuses while a sync owns the files, turns every failure into a
:class:`~samenwerk_tui.errors.SamenwerkError` (one sentence via ``i18n.text_of``), and
bumps :attr:`~AppState.data_version` so every screen redraws from the session. The screen
then tells the user about the change with
:func:`~samenwerk_tui.tui.feedback.tell_change` (one sentence naming what changed).

**Forms save three-way.** A form opened on a partnership keeps the record it opened with
(its ``base``); its opener answers ``Submitted`` with ``form.save_edit(action, edit)``,
a pure edit of the partnership. The form saves it through ``state.apply`` merged onto
the file as it is now (a colleague's change made meanwhile survives), shows both values
when a field was changed differently meanwhile and lets the advisor choose, and keeps
what was typed if the partnership was deleted meanwhile (see
:mod:`~samenwerk_tui.tui.screens.forms.base`). Every form family gets this by deriving
from ``FormScreen`` and passing its record to ``FormScreen.__init__``.

**Keys act in the order typed.** Only bindings that move focus (``/``) are ``priority``
bindings, and they move it at once (``screen.set_focus``), so keys typed right after
them reach the new widget; a save is never a priority binding, so it comes after the
keys typed before it. A key whose command cannot run now says why in one sentence.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from textual.dom import DOMNode
from textual.reactive import var

from samenwerk_tui import i18n
from samenwerk_tui.domain.ordering import known_sort
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Change, GoneError
from samenwerk_tui.services.config import Config, update_config, workspace_key
from samenwerk_tui.services.session import Problem, Record, Session
from samenwerk_tui.tui.keymap import KeymapCheck, check_keymap
from samenwerk_tui.tui.themes import ThemeRegistry

#: Row keys of unreadable files start with this (partnership ids never do).
BROKEN_PREFIX = "!"

#: Seconds a save on the UI thread waits for another window's sync before it says so:
#: the UI cannot repaint meanwhile, so the wait is short, and the form keeps its input.
SAVE_WAIT = 5.0

#: One change of the session: calls one :class:`Session` method and returns its change.
MutateFn = Callable[[Session], Change]


class GitState(NamedTuple):
    """What the app knows about git; ``repo`` is None until the first look."""

    repo: bool | None = None
    syncing: bool = False
    progress: str = ""  # the running sync's current step, as a sentence
    last_sync: datetime | None = None  # local time of the last sync that reached the remote
    changed: frozenset[str] = frozenset()  # files changed since commit
    operation: str | None = None  # a rebase (etc.) the user left open: the warning sentence
    rebuildable: frozenset[str] = frozenset()  # broken, git has sides
    elsewhere: bool = False  # a sync runs in another window: saves wait for it

    def repairable(self, problem: Problem) -> bool:
        """Whether ``r`` can rebuild this unreadable file from its two sides in git."""
        return problem.is_conflicted or problem.name in self.rebuildable


class DataVersion(NamedTuple):
    """A new version of the session's data: a change, a poll, a sync, the first load.

    ``focus``: the partnership a change was made to, for the cursor to follow. ``saved``:
    made by a save in this app, so git's view of the changed files is out of date.
    ``only``: the partnerships that changed, appeared or went (a save, a poll that found a
    few files changed), so a screen may redo just those; None: anything may have changed.
    """

    number: int = 0
    focus: str | None = None
    saved: bool = False
    only: frozenset[str] | None = None


class Arrived:
    """The records a read in progress has read so far (equal only to itself: comparing
    two of ten thousand records each would build their models)."""

    __slots__ = ("records",)

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = records


class BusyError(SamenwerkError):
    """A change asked for while a sync owns the files; a moment later it can be saved."""


class AppState(DOMNode):
    """The state every screen of one app shares (see the module's docstring)."""

    # init=False throughout: the state is never mounted, so its vars start on first use,
    # and a watcher must not be called with the default then.
    loaded: var[bool] = var(False, init=False)
    #: While loading: files read so far and files to read (a big first open takes a while).
    progress: var[tuple[int, int]] = var((0, 0), init=False)
    #: While a big first read goes on: the partnerships read so far, shown as they come.
    arrived: var[Arrived] = var(lambda: Arrived(()), init=False)
    data_version: var[DataVersion] = var(DataVersion(), init=False)
    git: var[GitState] = var(GitState(), init=False)
    # The row under the main list's cursor (the main screen keeps it up to date; to move
    # the cursor, post messages.ShowPartnership to the main screen).
    selected: var[str | None] = var(None, init=False)
    filter: var[str] = var("", init=False)
    sort: var[str] = var("name", init=False)
    language: var[str] = var("en", init=False)

    def __init__(
        self, session: Session, config: Config, *, loaded: bool = True, blink: bool = True
    ) -> None:
        super().__init__()
        self.session = session
        session.workspace.lock.timeout = SAVE_WAIT
        self.config = config
        #: The session is not thread-safe: workers and the UI thread hold this to use it.
        self.lock = threading.RLock()
        #: Cursor blink in text fields (off in tests and snapshots).
        self.blink = blink
        #: The user's ``[keymap]`` as checked against the command table.
        self.keymap_check: KeymapCheck = check_keymap(config.keymap)
        #: The theme files the app registered, and where each theme comes from.
        self.themes = ThemeRegistry()
        self.set_reactive(AppState.loaded, loaded)
        self.set_reactive(AppState.language, i18n.language())
        self.set_reactive(AppState.sort, self.sort_of(session))

    def show_reading(self) -> bool:
        """While the session's workspace is read: how far, and the partnerships read so
        far (from its reader); False once it is read."""
        if self.loaded:
            return False
        reader = self.session.reader
        self.progress = reader.progress
        arrived = reader.arrived
        if arrived and arrived is not self.arrived.records:
            self.arrived = Arrived(arrived)
        return True

    @property
    def keymap(self) -> Mapping[str, str]:
        """The key bindings in effect by binding id: the user's ``[keymap]``, checked."""
        return self.keymap_check.keymap

    def sort_of(self, session: Session) -> str:
        """The list's sort order the user chose for this workspace (default: by name)."""
        return known_sort(self.config.sort.get(workspace_key(session.workspace.root)))

    # ------------------------------------------------------------------ settings

    def configure(self, edit: Callable[[Config], Config]) -> None:
        """Save a change of the user's settings in ``config.toml``.

        ``edit`` is applied to the file as it is on disk now (an edit made in the file
        meanwhile is kept). A file that cannot be written raises a :class:`SamenwerkError`.
        """
        try:
            self.config = update_config(self.config, edit)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise SamenwerkError("tui.config.not_saved", reason=reason) from exc

    def set_author(self, name: str) -> None:
        """Sign this session's changes with ``name`` from now on, and keep it in the config."""
        self.configure(lambda c: replace(c, author=name))
        with self.lock:
            self.session.author = name

    def set_language(self, lang: str) -> None:
        """Switch the language of every text; each screen redraws (it watches ``language``)."""
        self.language = i18n.set_language(lang)

    def switch(self, session: Session) -> None:
        """Show another workspace: its session replaces this one, not yet loaded."""
        session.workspace.lock.timeout = SAVE_WAIT
        with self.lock:
            self.session = session
        self.filter = ""
        self.selected = None
        self.git = GitState()
        self.set_reactive(AppState.sort, self.sort_of(session))
        self.loaded = False

    # ------------------------------------------------------------------ reading

    def record(self, key: str | None) -> Record | None:
        """The readable partnership with this row key, if any."""
        if key is None or key.startswith(BROKEN_PREFIX):
            return None
        return self.session.records.get(key)

    def problem(self, key: str | None) -> Problem | None:
        """The unreadable file with this row key, if any."""
        if key is None or not key.startswith(BROKEN_PREFIX):
            return None
        return self.session.problems.get(key[len(BROKEN_PREFIX) :])

    # ------------------------------------------------------------------ changing

    def apply(self, mutate: MutateFn) -> Change:
        """Run one change of the session and tell every screen the data changed.

        ``mutate`` calls one :class:`Session` method. While a sync runs, git owns the
        files, so the change is refused (a form keeps its input and can be saved a moment
        later). Every failure comes back as a :class:`SamenwerkError`.
        """
        if self.git.syncing:
            raise BusyError("tui.sync.busy")
        session = self.session
        try:
            with self.lock:
                problems = dict(session.problems)
                change = mutate(session)
                # A change to one partnership redraws one row, unless the unreadable files
                # changed too (an undo, a file found broken while saving).
                only = None if session.problems != problems else {change.partnership_id}
        except GoneError:
            self.data_changed()  # the session now holds what it found: show it
            raise
        except OSError as exc:
            raise SamenwerkError("tui.os_error", reason=exc.strerror or str(exc)) from exc
        self.data_changed(focus=change.partnership_id, saved=True, only=only)
        return change

    def data_changed(
        self, *, focus: str | None = None, saved: bool = False, only: Iterable[str] | None = None
    ) -> None:
        """Announce a new version of the session's data (after a load, poll, sync, repair).

        ``only``: the ids of the partnerships that changed, when that is all that did.
        """
        changed = None if only is None else frozenset(only)
        self.data_version = DataVersion(self.data_version.number + 1, focus, saved, changed)
