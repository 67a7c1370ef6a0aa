"""The workspace lock: one critical section for every write, across threads and processes.

A save is "read the file, check its hash, replace it"; a sync is "commit, merge, commit".
Two processes doing either at once lose changes (a save between git's snapshot of the work
tree and its write of the merge result is overwritten, silently). So every write path takes
one advisory lock on a file inside the workspace, :data:`LOCK_FILE`, which the workspace
``.gitignore`` lists and sync never stages. It lives in the workspace, not in a per-user
folder, because two people may open one shared folder.

The lock is reentrant within a thread (a sync that repairs a file through the store takes
it again) and excludes other threads and other processes: filelock's thread-local holds
give each thread its own descriptor, and the operating system's lock excludes every other
descriptor, in this process or another. Waiting is bounded; a front end passes
``on_wait`` to say "waiting for the sync…" before a wait begins, and a lock that cannot be
had in time is one :class:`LockTimeout` sentence.

A second lock file, :data:`SYNC_LOCK_FILE`, lets only one sync of a workspace run at a
time without holding the workspace lock (and so every save) through the network steps.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerk_tui.errors import SamenwerkError

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_FILE = ".samenwerk.lock"
SYNC_LOCK_FILE = ".samenwerk-sync.lock"
#: The ``.gitignore`` line covering both lock files.
IGNORE_PATTERN = ".samenwerk*.lock"

#: Seconds a save waits for a sync (or another save) before giving up with a sentence.
#: A sync holds the workspace lock only while it commits and merges locally, never while
#: it talks to the remote; merging a few hundred changed files takes seconds, not minutes.
SAVE_TIMEOUT = 60.0
#: Seconds a sync waits for another sync of the same workspace.
SYNC_TIMEOUT = 180.0

Waiting = Callable[[], None]


class LockTimeout(SamenwerkError):
    """The lock could not be had in time; ``key``/``params`` name the sentence."""


class LockUnusable(LockTimeout):
    """The lock file cannot be made or opened (a read-only folder, a folder in its
    place); the sentence names the file, so the user knows what to fix."""


# One lock object per lock file and process: filelock's reentrancy counts holds per object
# (and per thread), so two objects for one file in one thread would wait for each other.
_LOCKS: dict[str, BaseFileLock] = {}
_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> BaseFileLock:
    key = os.path.normcase(os.path.abspath(path))
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            from filelock import FileLock  # ~30 ms to import: only when a write happens

            lock = _LOCKS[key] = FileLock(key, thread_local=True)
        return lock


def is_held(path: Path) -> bool:
    """True when this thread holds the lock at ``path``."""
    key = os.path.normcase(os.path.abspath(path))
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
    return lock is not None and lock.is_locked


@contextlib.contextmanager
def hold(
    path: Path,
    *,
    timeout: float,
    on_wait: Waiting | None = None,
    busy_key: str = "error.workspace_busy",
) -> Iterator[None]:
    """Hold the lock file at ``path`` for the ``with`` body.

    Tries once without waiting; if another thread or process holds it, calls ``on_wait``
    and waits up to ``timeout`` seconds, then raises :class:`LockTimeout` (``busy_key``).
    A lock file that cannot even be created (read-only folder) raises
    :class:`LockUnusable`, which names it.
    """
    from filelock import Timeout

    lock = _file_lock(path)
    try:
        try:
            lock.acquire(blocking=False)
        except Timeout:
            if on_wait is not None:
                on_wait()
            try:
                lock.acquire(timeout=timeout)
            except Timeout:
                raise LockTimeout(busy_key, seconds=int(timeout), file=path.name) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LockUnusable("error.lock_unusable", path=str(path), reason=reason) from exc
    try:
        yield
    finally:
        lock.release()


class WorkspaceLock:
    """The lock of one workspace folder, with the front end's wait settings.

    ``timeout`` and ``on_wait`` are plain attributes: the CLI sets ``on_wait`` to a line
    on stderr, the TUI to its status line; a test can shorten ``timeout``.
    """

    def __init__(self, root: Path, *, timeout: float = SAVE_TIMEOUT) -> None:
        self.path = root / LOCK_FILE
        self.timeout = timeout
        self.on_wait: Waiting | None = None

    @property
    def held(self) -> bool:
        """True when this thread holds it (so a nested write does not wait)."""
        return is_held(self.path)

    def hold(self) -> contextlib.AbstractContextManager[None]:
        """``with workspace.lock.hold():`` one critical section (reentrant in a thread)."""
        return hold(self.path, timeout=self.timeout, on_wait=self.on_wait)
