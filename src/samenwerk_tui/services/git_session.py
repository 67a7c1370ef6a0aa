"""Git as a front end asks for it: every call takes the :class:`Session`.

The terminal app reaches git only through these functions (they run in its thread
workers); the work itself is :mod:`samenwerk_tui.services.sync` and ``gitsync``. Settling
a recorded conflict is a change like any other, saved through the session (no blind
overwrite, undoable), and names the conflict by its content.
"""

from __future__ import annotations

from samenwerk_tui.domain.model import Conflict, Partnership
from samenwerk_tui.gitsync.merge import split_path
from samenwerk_tui.gitsync.resolve import settle_by_content
from samenwerk_tui.services import sync
from samenwerk_tui.services.changes import Change
from samenwerk_tui.services.session import Session
from samenwerk_tui.services.sync import HistoryEntry, Progress, SyncResult


def prepare(session: Session) -> bool:
    """On open: register the merge driver if the workspace is a git repository.

    Never raises; True when it is a repository.
    """
    return sync.prepare(session)


def refresh_changed(session: Session) -> frozenset[str]:
    """Fill ``session.changed_files`` from git (``is:changed``) and return them."""
    return frozenset(sync.refresh_changed(session))


def run_sync(session: Session, progress: Progress | None = None) -> SyncResult:
    """Commit, pull (merge) and push, as the session's author. Never raises git errors."""
    return sync.sync(session, progress=progress)


def repair(session: Session, name: str) -> int:
    """Rebuild the unreadable partnership file ``name`` from its two sides in git.

    Returns how many conflicts the rebuilt file records; raises a ``SamenwerkError``
    (nothing written) when it cannot be done. The caller re-reads the file.
    """
    return len(sync.repair(session, name).conflicts)


def history(session: Session, name: str, limit: int = 200) -> list[HistoryEntry]:
    """Who changed the partnership file ``name``, when, and why (newest first)."""
    return sync.history(session, name, limit)


def version_at(session: Session, commit: str, name: str) -> Partnership | None:
    """The partnership as committed in ``commit`` (None if absent or unreadable)."""
    return sync.version_at(session, commit, name)


def operation_warning(session: Session) -> str | None:
    """A sentence when a rebase, merge, cherry-pick or bisect started by hand is open."""
    return sync.operation_warning(session)


def sync_running_elsewhere(session: Session) -> bool:
    """Whether another program (a second window, a script) is syncing this workspace."""
    return sync.sync_running_elsewhere(session)


def rebuildable(session: Session, names: list[str]) -> frozenset[str]:
    """Which of these unreadable files git holds both sides of (``r`` can rebuild them)."""
    return frozenset(sync.rebuildable(session, names))


def settle_conflict(
    session: Session, pid: str, conflict: Conflict, side: str, value: str | None = None
) -> Change:
    """Settle one recorded conflict of a partnership: keep ``ours``, take ``theirs``, or
    (``value``) put the user's own text in its place. Saved like every other change."""
    return session.update(
        pid, lambda p: settle_by_content(p, conflict, side, value), action="resolved"
    )


def field_path(field: str) -> list[str]:
    """A conflict's dotted field path split into its segments (quoted parts kept whole)."""
    return split_path(field)


__all__ = [
    "HistoryEntry",
    "Progress",
    "SyncResult",
    "field_path",
    "history",
    "operation_warning",
    "rebuildable",
    "prepare",
    "refresh_changed",
    "repair",
    "run_sync",
    "settle_conflict",
    "sync_running_elsewhere",
    "version_at",
]
