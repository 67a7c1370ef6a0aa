"""What the front ends ask git about a session's workspace, besides syncing.

Set-up on open, the changed marks (``is:changed``), a partnership's history and old
versions, rebuilding a broken file from its two sides, settling a recorded conflict, and
whether the user has a git operation open that a save or a sync must not run into. Each
takes the :class:`Session`; none raises for a workspace that is not a git repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.gitsync.merge import MergeError, MergeResult
from samenwerk_tui.gitsync.runner import LOCK, GitError
from samenwerk_tui.gitsync.setup import ensure_setup, is_repo
from samenwerk_tui.gitsync.sides import can_rebuild as _can_rebuild
from samenwerk_tui.gitsync.sides import repair_file
from samenwerk_tui.gitsync.status import HistoryEntry, blocking_operation, changed_files, show_at
from samenwerk_tui.gitsync.status import history as git_history
from samenwerk_tui.store import codec
from samenwerk_tui.store.lock import SYNC_LOCK_FILE, LockTimeout, LockUnusable, hold

if TYPE_CHECKING:
    from samenwerk_tui.services.session import Session


def prepare(session: Session) -> bool:
    """Call on every open: register the merge driver and our attributes if this is git.

    A fresh clone lacks them and a moved virtualenv needs the new path. Never raises;
    True when the workspace is a repository.
    """
    root = session.workspace.root
    try:
        if not is_repo(root):
            return False
        with LOCK:
            ensure_setup(root)
        return True
    except (GitError, OSError):
        return False


def refresh_changed(session: Session) -> set[str]:
    """Fill ``session.changed_files`` from git (``is:changed``); returns the set."""
    session.changed_files = changed_files(session.workspace.root)
    return session.changed_files


def operation_warning(session: Session) -> str | None:
    """A sentence when the user has a rebase, merge, cherry-pick or bisect open, else None.

    Saves still work then, but the user's next ``git rebase --abort`` (or the like) may
    throw them away, and sync refuses to run: the status line says so.
    """
    operation = operation_name(session.workspace.root)
    if operation is None:
        return None
    return i18n.t("git.error.in_progress", operation=operation)


def operation_name(root: Path) -> str | None:
    """The name ("git rebase") of an operation the user has open in ``root``, else None."""
    operation = blocking_operation(root)
    return None if operation is None else i18n.t(f"git.operation.{operation}")


def sync_running_elsewhere(session: Session) -> bool:
    """True while a sync of this workspace runs in another window (or thread).

    Saves wait for such a sync's commit and merge; the TUI says so on its status line.
    """
    path = session.workspace.root / SYNC_LOCK_FILE
    if not path.exists():
        return False
    try:
        with hold(path, timeout=0):
            return False
    except LockUnusable:
        return False
    except LockTimeout:
        return True


def can_rebuild(session: Session, name: str) -> bool:
    """True when the broken file ``name`` can be rebuilt from two sides git still has."""
    try:
        with LOCK:
            return _can_rebuild(session.workspace.root, name)
    except (GitError, OSError):
        return False


def rebuildable(session: Session, names: list[str]) -> set[str]:
    """Those of the broken files ``names`` that :func:`can_rebuild`."""
    return {name for name in names if can_rebuild(session, name)}


def repair(session: Session, name: str) -> MergeResult:
    """Rebuild a partnership file that does not parse from its two sides.

    Raises :class:`MergeError` (catalog key) when that is not possible; nothing is
    written then. Written through the store, so under the workspace lock.
    """
    with LOCK:
        return repair_file(session.workspace.root, name)


def history(session: Session, name: str, limit: int = 200) -> list[HistoryEntry]:
    """Who changed the partnership file ``name``, when, and why (newest first)."""
    return git_history(session.workspace.root, name, limit)


def version_at(session: Session, commit: str, name: str) -> Partnership | None:
    """The partnership as committed in ``commit`` (None if absent or unreadable)."""
    return codec.decode_or_none(show_at(session.workspace.root, commit, name))


__all__ = [
    "HistoryEntry",
    "MergeError",
    "can_rebuild",
    "history",
    "operation_name",
    "operation_warning",
    "prepare",
    "rebuildable",
    "refresh_changed",
    "repair",
    "sync_running_elsewhere",
    "version_at",
]


def empty_clone(root: Path) -> SamenwerkError | None:
    """The sentence for a git clone at ``root`` that checked out an empty branch (its
    remote's HEAD named a branch the remote does not have), naming the branch to check
    out; None when ``root`` is no such clone."""
    from samenwerk_tui.gitsync.remote import empty_branch
    from samenwerk_tui.gitsync.runner import Git

    if not (root / ".git").exists():
        return None
    try:
        found = empty_branch(Git(root))
    except GitError:
        return None
    if found is None:
        return None
    branch, other = found
    return SamenwerkError("git_clone.empty_branch", path=str(root), branch=branch, other=other)
