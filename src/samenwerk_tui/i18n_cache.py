"""The shipped texts as parsed, kept between runs (for :mod:`samenwerk_tui.i18n`).

Every start reads the message catalogs of its language and of English (the fallback, and
the labels of the keys), some 150 kB of TOML in sixteen files: 2–4 ms of parsing. What
they parse to depends only on the files, so it is kept in one file in the user's cache
folder (:func:`keep_in`) and taken from there at the next start, as Python keeps
compiled modules. Each text is kept with the names, sizes and modification times of the
files it came from: a changed, added or removed file (an upgrade, a translator at work)
means it is parsed again. The cache file is never trusted blindly: one of another
samenwerk, Python or package folder, a damaged one, or one that is not the user's own
is ignored (and replaced).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samenwerk_tui import __version__

#: The cache file's name in the user's cache folder.
TEXTS_FILE = "texts.marshal"
#: Bump when what is kept changes.
FORMAT = 1
#: What one text is known by: what it is ("messages", "data") and its name.
Key = tuple[str, str]
#: Each source file's name, size and modification time.
Signature = tuple[tuple[str, int, int], ...]

_path: Path | None = None
_kept: dict[Key, tuple[Signature, Any]] | None = None


def keep_in(path: Path | None) -> None:
    """Keep the parsed texts in the file ``path`` from now on (None: parse every time)."""
    global _path, _kept
    _path = path
    _kept = None


def _stamp(root: Path) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version_info[:2], marshal.version, str(root))


def _signature(sources: list[Path]) -> Signature | None:
    try:
        stats = [(source.name, os.stat(source)) for source in sources]
    except OSError:
        return None
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


def parsed(key: Key, root: Path, sources: list[Path], parse: Callable[[], Any]) -> Any:
    """What ``parse()`` gives for the files ``sources`` (under the package folder ``root``):
    kept from an earlier run when those files are unchanged, else parsed (and kept)."""
    signature = _signature(sources) if _path is not None else None
    if signature is None:
        return parse()
    kept = _read(root)
    found = kept.get(key)
    if found is not None and found[0] == signature:
        return found[1]
    value = parse()
    kept[key] = (signature, value)
    _write(root, kept)
    return value


def _read(root: Path) -> dict[Key, tuple[Signature, Any]]:
    global _kept
    if _kept is None:
        _kept = {}
        assert _path is not None
        try:
            fd = os.open(_path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return _kept
        try:
            st = os.fstat(fd)
            # Only a file of the user's own that nobody else may write is loaded.
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return _kept
            data = os.read(fd, st.st_size + 1)
            stamp, kept = marshal.loads(data)
            if stamp == _stamp(root) and type(kept) is dict:
                _kept = kept
        except (OSError, ValueError, EOFError, TypeError):
            pass
        finally:
            os.close(fd)
    return _kept


def _write(root: Path, kept: dict[Key, tuple[Signature, Any]]) -> None:
    """Best effort, like every cache: one that cannot be written is simply not there."""
    assert _path is not None
    tmp = _path.with_name(f".{_path.name}.{os.urandom(4).hex()}.tmp")
    try:
        data = marshal.dumps((_stamp(root), kept))
        _path.parent.mkdir(parents=True, exist_ok=True)
        how = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, how, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, _path)
    except (OSError, ValueError):  # (a full disk; a value marshal cannot keep)
        with contextlib.suppress(OSError):
            tmp.unlink()
