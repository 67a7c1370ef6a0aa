"""Crash-safe file writes: temp file in the same folder, fsync, ``os.replace``.

A crash or a full disk at any step leaves the target's old bytes intact and no temp file
behind. Temp names end in :data:`TEMP_SUFFIX`, which the workspace ``.gitignore`` lists and
the loader skips.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path

from samenwerk_tui.cachefile import write_all

TEMP_SUFFIX = ".samenwerk-tmp"
_WINDOWS_SHARING_ERRORS = {5, 32, 33}


class NotAFileError(OSError):
    """The path is a folder, a symbolic link or a device, not an ordinary file.

    ``kind`` is ``"folder"``, ``"symlink"`` or ``"special"`` (the catalog's
    ``broken.<kind>`` says what to do).
    """

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: not an ordinary file ({kind})")
        self.kind = kind


def read_file(path: Path) -> bytes:
    """The bytes of the ordinary file at ``path``, never through a symbolic link.

    A partnership file replaced by a folder, a link (perhaps to a file outside the
    workspace) or a device raises :class:`NotAFileError`; the store lists it as broken
    instead of reading (or blocking on) whatever it points to. (Checked just before the
    read: swapping the entry in between is no slip a user makes.) A missing file raises
    ``FileNotFoundError``.
    """
    kind = entry_kind(os.lstat(path).st_mode)
    if kind is not None:
        raise NotAFileError(path, kind)
    return path.read_bytes()


def entry_kind(mode: int) -> str | None:
    """None for an ordinary file, else what it is: ``folder``, ``symlink``, ``special``."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "symlink" if stat.S_ISLNK(mode) else "special"


def temp_path_for(target: Path) -> Path:
    import secrets  # (the first write: not needed to start)

    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically; raises ``OSError`` on failure."""
    tmp = temp_path_for(target)
    mode = 0o644
    with contextlib.suppress(FileNotFoundError):
        mode = target.stat().st_mode & 0o777
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            write_all(fd, data)
            _flush(fd)
        finally:
            os.close(fd)
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _flush(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        full_fsync = getattr(fcntl, "F_FULLFSYNC", None)
        if full_fsync is not None:
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, full_fsync)
                return
    os.fsync(fd)


def _replace(tmp: Path, target: Path) -> None:
    # On Windows a reader (indexer, antivirus) can hold the target for a moment.
    delay = 0.01
    deadline = time.monotonic() + 2.0
    while True:
        try:
            os.replace(tmp, target)
            return
        except PermissionError as exc:
            winerror = getattr(exc, "winerror", None)
            if winerror not in _WINDOWS_SHARING_ERRORS or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_temp_files(folder: Path, older_than: float = 60.0) -> list[Path]:
    """Delete our own temp files older than ``older_than`` seconds; return them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
