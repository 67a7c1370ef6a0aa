"""The shipped texts as parsed, kept between runs (for :mod:`samenwerk_tui.i18n`).

Every start reads the message catalogs of its language and of English (the fallback, and
the labels of the keys), some 150 kB of TOML in sixteen files: 2–4 ms of parsing. What
they parse to depends only on the files, so it is kept in the user's cache folder
(:func:`keep_in`), a file per text, and taken from there at the next start, as Python
keeps compiled modules. Each text is kept with the names, sizes and modification times of the
files it came from: a changed, added or removed file (an upgrade, a translator at work)
means it is parsed again. A kept file is never trusted blindly: one of another
samenwerk, Python or package folder, a damaged one, or one that is not the user's own
is ignored (and replaced).
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samenwerk_tui import __version__, cachefile

#: The folder, in the user's cache folder, that holds one file per text kept.
TEXTS_DIR = "texts"
#: Bump when what is kept changes.
FORMAT = 1
#: What one text is known by: what it is ("messages", "data") and its name.
Key = tuple[str, str]
#: Each source file's name, size and modification time.
Signature = tuple[tuple[str, int, int], ...]

_folder: Path | None = None


def keep_in(folder: Path | None) -> None:
    """Keep the parsed texts in ``folder`` from now on (None: parse every time)."""
    global _folder
    _folder = folder


def _stamp(root: Path, signature: Signature) -> tuple[Any, ...]:
    return (FORMAT, __version__, sys.version_info[:2], marshal.version, str(root), signature)


def _signature(sources: list[Path]) -> Signature | None:
    try:
        stats = [(source.name, os.stat(source)) for source in sources]
    except OSError:
        return None
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


def parsed(key: Key, root: Any, sources: list[Any], parse: Callable[[], Any]) -> Any:
    """What ``parse()`` gives for the files ``sources`` (under the package folder ``root``):
    kept from an earlier run when those files are unchanged, else parsed (and kept). A
    package that is no folder of files (a zip) has nothing to stat: it is parsed.

    One file per text, so a start reads only the texts it uses (the catalogs of its
    language and of English, the names of the types and phases), not the advice or the
    diagnosis it may never show.
    """
    on_disk = isinstance(root, Path)
    signature = _signature(sources) if _folder is not None and on_disk else None
    if signature is None or _folder is None:
        return parse()
    path = _folder / f"{key[0]}-{key[1]}.marshal"
    stamp = _stamp(root, signature)
    found = _read(path)
    if type(found) is tuple and len(found) == 2 and found[0] == stamp:
        return found[1]
    value = parse()
    _write(path, (stamp, value))
    return value


def _read(path: Path) -> Any:
    """What the file holds (None: nothing to believe)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        # Only a file of the user's own that nobody else may write is loaded.
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        return marshal.loads(os.read(fd, st.st_size + 1))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        os.close(fd)


def _write(path: Path, kept: tuple[Any, ...]) -> None:
    try:
        data = marshal.dumps(kept)
    except ValueError:  # (a value marshal cannot keep: the demo's dates)
        return
    cachefile.replace(path, lambda fd: cachefile.write_all(fd, data))
