"""A machine-local cache of the packed partnership files, so an unchanged workspace opens
without parsing.

One file per workspace in the user's cache folder (never in the workspace: nothing
machine-local may be synced). It maps each file name to the file's stat (mtime, size,
inode, ctime), its sha256 and its packed form (:mod:`.lean`). On open, a file whose stat
is exactly what the cache saw is taken from the cache; any difference, a new file, and
every file the lean path could not pack are read and parsed as usual. So the cache can
make an open faster, never different.

It is never trusted blindly: a file that is not ours, of another format, version, Python
or parser, for another folder, or whose checksum does not match is ignored (and replaced
at the next write). Files changed less than :data:`RACY_SECONDS` before the cache is
written are left out of it, because a second change within the same clock tick could
leave their stat unchanged (git calls these "racily clean").
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import secrets
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerk_tui.store import parser
from samenwerk_tui.store.lean import facets_row

if TYPE_CHECKING:
    from samenwerk_tui.store.records import FileStat, Record

MAGIC = b"SAMENWERK-INDEX\n"
#: Bump when the packed layout or the lean rules change: old caches are then ignored.
# 2: facets gained the type scores, the update time and the divergence flag; 3: notes
# gained ``edited``, tags never start with "#"
FORMAT = 3
RACY_SECONDS = 2.0
INDEX_DIR = "index"


#: One file as the cache last saw it: ``(stat, digest, facets row, haystack, blob)``, with
#: stat as ``(mtime_ns, size, inode, ctime_ns)``, the facets as plain values
#: (:func:`.lean.facets_row`) and the blob the marshalled packed file, unpacked on demand.
#: Plain tuples: ten thousand of them are read at every open.
Cached = tuple[tuple[int, int, int, int], str, tuple[Any, ...], str, bytes]


def _stamp(root: Path) -> tuple[Any, ...]:
    from samenwerk_tui import __version__

    return (FORMAT, __version__, sys.version_info[:2], marshal.version, parser.NAME, str(root))


class Index:
    """The cache file of one workspace (``path`` None: no cache)."""

    def __init__(
        self, path: Path | None, root: Path, *, racy_seconds: float = RACY_SECONDS
    ) -> None:
        self.path = path
        self.root = root
        self.racy_seconds = racy_seconds

    @classmethod
    def for_workspace(cls, cache_dir: Path, root: Path, **kwargs: Any) -> Index:
        """The cache file for the workspace at ``root``; disabled if it would sit inside."""
        try:
            resolved = root.resolve()
            folder = cache_dir.resolve() / INDEX_DIR
        except (OSError, RuntimeError):
            return cls(None, root, **kwargs)
        if folder == resolved or resolved in folder.parents:
            return cls(None, resolved, **kwargs)  # the cache must never land in the workspace
        name = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return cls(folder / f"{name}.idx", resolved, **kwargs)

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def read(self) -> dict[str, Cached]:
        """What the cache holds; empty when there is none or it cannot be trusted."""
        if self.path is None:
            return {}
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        head = len(MAGIC) + 4
        if not data.startswith(MAGIC) or len(data) < head:
            return {}
        payload = data[head:]
        if zlib.crc32(payload).to_bytes(4, "big") != data[len(MAGIC) : head]:
            return {}
        try:
            stamp, entries = marshal.loads(payload)
            if stamp != _stamp(self.root):
                return {}
            return {
                name: ((mtime, size, inode, ctime), digest, row, hay, blob)
                for name, mtime, size, inode, ctime, digest, row, hay, blob in entries
            }
        except (ValueError, TypeError, EOFError):
            return {}

    def write(self, records: list[tuple[FileStat, Record]]) -> None:
        """Replace the cache with these records (those read through the lean path).

        Best effort: a cache that cannot be written is simply not there next time.
        """
        if self.path is None:
            return
        limit = time.time_ns() - int(self.racy_seconds * 1e9)
        entries = []
        for st, r in records:
            packed = r.packed
            if packed is None or st.mtime_ns >= limit or st.ctime_ns >= limit:
                continue
            # Asking for facets and haystack here also readies them for the first filter.
            entries.append(
                (r.name, st.mtime_ns, st.size, st.inode, st.ctime_ns, r.digest)
                + (facets_row(r.facets), r.haystack, marshal.dumps(packed))
            )
        payload = marshal.dumps((_stamp(self.root), entries))
        data = MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, self.path)  # no fsync: a cache lost in a crash is only slower
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
