"""Git in the workbench: the blocking work the app's git workers do, and what they report.

Every git call is blocking, so the app runs each in a thread worker that ends by posting
one of these messages; the app's handlers (on the UI thread) update the session and the
state's ``git`` and ``data_version``, which the screens watch. A sync holds no session
lock (it can take seconds), so while it runs the state refuses edits with one sentence
instead of racing git for the files, and the outside-change poll waits; afterwards
exactly the files the pull changed are re-read. Git is reached only through
:mod:`samenwerk_tui.services.git_session`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from textual.message import Message
from textual.notifications import SeverityLevel

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui.commands import key_for

if TYPE_CHECKING:
    # Git support is imported by the git worker, not with the app: the first paint needs
    # none of it (about 15 ms of start-up).
    from samenwerk_tui.services.git_session import SyncResult

SEVERITY: dict[str, SeverityLevel] = {
    "ok": "information",
    "no_remote": "information",
    "offline": "warning",
    "conflicts": "warning",
    "error": "error",
}


class GitChecked(Message):
    """A look at git finished: whether this is a repository, the changed files, a
    rebase (etc.) left open by hand, and the unreadable files git can rebuild."""

    def __init__(
        self,
        repo: bool | None,
        changed: frozenset[str],
        operation: str | None = None,
        rebuildable: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.repo = repo
        self.changed = changed
        self.operation = operation
        self.rebuildable = rebuildable


class SyncElsewhere(Message):
    """Whether another window or script is syncing this workspace (seen by the poll)."""

    def __init__(self, elsewhere: bool) -> None:
        super().__init__()
        self.elsewhere = elsewhere


class SyncProgress(Message):
    """One step of a running sync, as a sentence."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SyncDone(Message):
    """A sync finished (whatever happened is in ``result``)."""

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


def look(
    session: Session, repo: bool | None, *, prepare: bool, lock: AbstractContextManager[object]
) -> GitChecked:
    """Whether the workspace is a repository (``prepare``: also register the merge driver,
    as on every open), which files changed since the last commit, whether a rebase (etc.)
    was left open by hand, and which unreadable files git holds both sides of."""
    from samenwerk_tui.services import git_session

    changed = frozenset(session.changed_files)
    if prepare:
        repo = git_session.prepare(session)
    if not repo:
        return GitChecked(repo, changed)
    # One atomic assignment of a new set: the UI thread may read the old one
    # meanwhile, so no session lock is held during git status.
    changed = git_session.refresh_changed(session)
    operation = git_session.operation_warning(session)
    with lock:
        broken = [n for n, p in session.problems.items() if not p.is_conflicted]
    rebuildable = git_session.rebuildable(session, broken) if broken else frozenset()
    return GitChecked(repo, changed, operation, rebuildable)


def sync(session: Session, progress: Callable[[str], None]) -> SyncDone:
    """Commit, pull and push; whatever goes wrong ends in a result, never an exception."""
    from samenwerk_tui.services import git_session
    from samenwerk_tui.services.git_session import SyncResult

    try:
        result = git_session.run_sync(session, progress)
    except Exception as exc:  # noqa: BLE001 - the UI must leave the syncing state
        result = SyncResult(status="error")
        result.messages.append(i18n.t("tui.sync.failed", reason=str(exc) or type(exc).__name__))
    return SyncDone(result)


def sync_report(result: SyncResult, keymap: Mapping[str, str]) -> str:
    """The sync's sentences in the order the command line prints them, plus what next."""
    lines = list(result.messages)
    summary = result.summary()
    lines.append(i18n.t("tui.sync.done", summary=summary) if result.status == "ok" else summary)
    if result.conflicted:
        lines.append(i18n.t("tui.sync.settle_hint", key=key_for("main.resolve", keymap)))
    return "\n".join(lines)


def repair(session: Session, name: str) -> Repaired:
    """Rebuild a file with conflict markers from its two sides; failures become a sentence."""
    from samenwerk_tui.services import git_session

    try:
        conflicts = git_session.repair(session, name)
    except SamenwerkError as exc:
        return Repaired(name, 0, i18n.text_of(exc))
    except OSError as exc:
        return Repaired(name, 0, i18n.t("tui.os_error", reason=exc.strerror or str(exc)))
    return Repaired(name, conflicts, None)


def repaired_report(
    session: Session, message: Repaired, keymap: Mapping[str, str]
) -> tuple[str, SeverityLevel, str | None]:
    """What a repair's answer means: the sentence, its severity, and the partnership to
    put the cursor on. The rebuilt file is read again (the caller holds the session's
    lock)."""
    if message.error is not None:
        reason = i18n.t("tui.repair.failed", file=message.name, reason=message.error)
        return reason, "error", None
    session.reload_names([message.name])
    record = next((r for r in session.records.values() if r.name == message.name), None)
    name = record.facets.name if record is not None else message.name
    key = "tui.repair.done_conflicts" if message.conflicts else "tui.repair.done"
    resolve_key = key_for("main.resolve", keymap)
    text = i18n.t(key, name=name, count=message.conflicts, key=resolve_key)
    return text, "information", record.id if record is not None else None
