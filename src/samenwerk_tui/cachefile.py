"""Writing a file of the user's cache folder: the index cache, the parsed style sheets, the
parsed texts.

Such a file is machine-local and only makes a start faster, so it is written on a best
effort: made whole beside its place and renamed over it (a reader never sees half a
file), readable by the user alone (it can hold what their partnership files hold), no
fsync (a cache lost in a crash is only slower), and one that cannot be written is simply
not there next time. The workspace's own files are written by ``store.atomic``, with
fsync.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Write the whole of ``data`` to ``fd`` (one ``os.write`` may take only a part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def replace(path: Path, write: Callable[[int], None]) -> bool:
    """Make ``path`` anew with what ``write(fd)`` writes; False when the system refused
    (a full disk, a folder that cannot be made): then nothing is left behind.

    Anything else ``write`` raises is raised, after the temp file is removed.
    """
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        how = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, how, 0o600)
        try:
            write(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            return False
        raise
    return True
