"""Git in the workbench: set up on open, the changed marks, sync and repair in workers.

Every git call is blocking work, so each runs in a thread worker that ends by posting a
message; the handlers (on the UI thread) update the session and redraw. A sync holds no
session lock (it can take seconds), so while it runs the app refuses edits with one
sentence instead of racing git for the files, and the outside-change poll waits; afterwards
exactly the files the pull changed are re-read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.notifications import SeverityLevel

from samenwerk_tui import i18n
from samenwerk_tui.gitsync.runner import GitError
from samenwerk_tui.services import sync as git_service
from samenwerk_tui.services.sync import MergeError, SyncResult
from samenwerk_tui.store.workspace import StoreError
from samenwerk_tui.tui.commands import key_for

if TYPE_CHECKING:
    from samenwerk_tui.tui.app import SamenwerkApp

_SEVERITY: dict[str, SeverityLevel] = {
    "ok": "information",
    "no_remote": "information",
    "offline": "warning",
    "conflicts": "warning",
    "error": "error",
}


@dataclass
class GitState:
    """What the status line says about git; ``repo`` is None until the first look."""

    repo: bool | None = None
    syncing: bool = False
    progress: str = ""
    last_sync: datetime | None = None  # local time of the last sync that reached the remote
    operation: str | None = None  # a rebase (etc.) the user left open: the warning sentence
    rebuildable: frozenset[str] = frozenset()  # broken files git has both sides of
    elsewhere: bool = False  # a sync runs in another window: saves wait for it


class GitChecked(Message):
    """A look at git finished: whether this is a repository, and the changed files."""

    def __init__(self, repo: bool | None) -> None:
        super().__init__()
        self.repo = repo


class SyncProgress(Message):
    """One step of a running sync, as a sentence."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SyncDone(Message):
    def __init__(self, result: SyncResult) -> None:
        super().__init__()
        self.result = result


class Repaired(Message):
    """A file with conflict markers was rebuilt (``error`` None) or could not be."""

    def __init__(self, name: str, conflicts: int, error: str | None) -> None:
        super().__init__()
        self.name = name
        self.conflicts = conflicts
        self.error = error


class GitMixin:
    """The git half of :class:`SamenwerkApp` (mixed in; ``self`` is the app).

    Handlers are named ``on_<message>``: Textual finds those on every class of the MRO,
    while ``@on`` only registers on classes that are message pumps themselves.
    """

    git: GitState
    _git_busy: bool = False
    _git_again: bool = False

    @property
    def _app(self) -> SamenwerkApp:
        return self  # type: ignore[return-value]

    # ------------------------------------------------------------------ status

    def start_git(self) -> None:
        """On open: register the merge driver and read the changed files, off the UI thread."""
        self.git = GitState()
        self._git_busy = True
        self._git_worker(True)

    def refresh_git(self) -> None:
        """Re-read which files changed since the last commit (after a save, a poll, a sync)."""
        if self.git.repo is False:
            return
        if self._git_busy:
            self._git_again = True
            return
        self._git_busy = True
        self._git_worker(False)

    @work(thread=True, group="git-status", exit_on_error=False)
    def _git_worker(self, prepare: bool) -> None:
        app = self._app
        repo: bool | None = self.git.repo
        try:
            if prepare:
                repo = git_service.prepare(app.session)
            if repo:
                # One atomic assignment of a new set: the UI thread may read the old one
                # meanwhile, so no session lock is held during git status.
                git_service.refresh_changed(app.session)
                self.git.operation = git_service.operation_warning(app.session)
                with app.lock:
                    broken = [n for n, p in app.session.problems.items() if not p.is_conflicted]
                self.git.rebuildable = frozenset(git_service.rebuildable(app.session, broken))
        finally:
            app.post_message(GitChecked(repo))

    def on_git_checked(self, message: GitChecked) -> None:
        self._git_busy = False
        self.git.repo = message.repo
        self._app.main.git_changed()
        if self._git_again:
            self._git_again = False
            self.refresh_git()

    # ------------------------------------------------------------------ sync

    def start_sync(self) -> None:
        """``s``: commit, pull and push in a worker; the status line shows each step."""
        if self.git.syncing or not self.git.repo:
            return
        self.git.syncing = True
        self.git.progress = i18n.t("tui.sync.starting")
        self._app.main.git_changed()
        self._sync_worker()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_worker(self) -> None:
        app = self._app

        def progress(text: str) -> None:
            app.post_message(SyncProgress(text))

        try:
            result = git_service.sync(app.session, progress=progress)
        except Exception as exc:  # noqa: BLE001 - the UI must leave the syncing state
            result = SyncResult(status="error")
            result.messages.append(i18n.t("tui.sync.failed", reason=str(exc) or type(exc).__name__))
        app.post_message(SyncDone(result))

    def on_sync_progress(self, message: SyncProgress) -> None:
        if self.git.syncing:
            self.git.progress = message.text
            self._app.main.update_status()

    def on_sync_done(self, message: SyncDone) -> None:
        app = self._app
        result = message.result
        with app.lock:
            app.session.reload_names(result.changed_names)
        self.git.syncing = False
        self.git.progress = ""
        if result.status in ("ok", "conflicts"):
            self.git.last_sync = datetime.now()
        app.main.refresh_data()
        app.main.git_changed()
        self.refresh_git()
        app.tell(self.sync_report(result), _SEVERITY.get(result.status, "information"))

    def sync_report(self, result: SyncResult) -> str:
        """The sync's sentences in the order the command line prints them, plus what next."""
        lines = list(result.messages)
        summary = result.summary()
        lines.append(i18n.t("tui.sync.done", summary=summary) if result.status == "ok" else summary)
        if result.conflicted:
            lines.append(i18n.t("tui.sync.settle_hint", key=key_for("main.resolve", self)))
        return "\n".join(lines)

    # ------------------------------------------------------------------ repair

    def start_repair(self, name: str) -> None:
        """Rebuild a file with conflict markers from its two sides (in a worker)."""
        self._repair_worker(name)

    @work(thread=True, exclusive=True, group="repair", exit_on_error=False)
    def _repair_worker(self, name: str) -> None:
        app = self._app
        try:
            merged = git_service.repair(app.session, name)
        except (MergeError, StoreError, GitError) as exc:
            app.post_message(Repaired(name, 0, i18n.t(exc.key, **exc.params)))
            return
        except OSError as exc:
            reason = exc.strerror or str(exc)
            app.post_message(Repaired(name, 0, i18n.t("tui.os_error", reason=reason)))
            return
        app.post_message(Repaired(name, len(merged.conflicts), None))

    def on_repaired(self, message: Repaired) -> None:
        app = self._app
        if message.error is not None:
            app.tell(i18n.t("tui.repair.failed", file=message.name, reason=message.error), "error")
            return
        with app.lock:
            app.session.reload_names([message.name])
            record = next((r for r in app.session.records.values() if r.name == message.name), None)
        app.main.refresh_data(record.id if record is not None else None)
        self.refresh_git()
        name = record.partnership.name if record is not None else message.name
        key = "tui.repair.done_conflicts" if message.conflicts else "tui.repair.done"
        resolve_key = key_for("main.resolve", self)
        app.tell(i18n.t(key, name=name, count=message.conflicts, key=resolve_key))
