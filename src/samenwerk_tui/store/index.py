"""A machine-local cache of the packed partnership files, so an unchanged workspace opens
without parsing.

One file per workspace in the user's cache folder (never in the workspace: nothing
machine-local may be synced). It maps each file name to the file's stat (mtime, size,
inode, ctime), its sha256, what the list needs (its facets), the folded text the filter
searches, and its packed form (:mod:`.lean`). On open, a file whose stat is exactly what
the cache saw is taken from the cache; any difference, a new file, and every file the lean
path could not pack are read and parsed as usual. So the cache can make an open faster,
never different.

The file has four sections, each with its own length and checksum: the *files* (the
names and stats, all a scan of the folder is matched with), the *head* (per file its
digest, id, sort name, facets and where its packed file lies, in columns: few objects
to unmarshal), the *haystacks* and the *packed files*. Opening maps the whole file into
memory (a read where that is not possible) and checks every checksum (which releases the
interpreter lock), but unmarshals only the files and the head, and a file's facets only
when asked for. The haystacks are
unmarshalled at the first filter (or by :meth:`CachedIndex.warm` in the background after
the first paint), a packed file only when its model is asked for. The app's scan of the
folder, in a child process, reads the files section alone (:mod:`.scanning`).

It is never trusted blindly: a file that is not ours, of another format, version, Python
or parser, for another folder, or whose checksum does not match is ignored (and replaced
at the next write). Files changed less than :data:`RACY_SECONDS` before the cache is
written are left out of it, because a second change within the same clock tick could
leave their stat unchanged (git calls these "racily clean").
"""

from __future__ import annotations

import marshal
import mmap
import os
import struct
import threading
import time
import zlib
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerk_tui import cachefile
from samenwerk_tui.store import lean
from samenwerk_tui.store.index_layout import (
    MAGIC,
    SECTIONS,
    SEPARATOR,
    bound_heap,
    pack,
    stamp,
    write_file,
)

if TYPE_CHECKING:
    from samenwerk_tui.domain.query import Facets
    from samenwerk_tui.store.records import FileStat, Record

RACY_SECONDS = 2.0
INDEX_DIR = "index"
#: Which cached files are still what the folder holds (one byte per cached file, 1: yes),
#: and the names in the folder to read anew; with the cache's fingerprint it was made for.
Match = tuple[bytes, list[str]]


class CachedIndex:
    """What one read of the cache file gave: the head, and the rest on demand.

    In columns of one entry per cached file (sorted by file name): from the files
    section the names and the stats (``array('q')``, four per file); from the head the
    ids and the folded names lists sort by (the objects every open needs), and, in one
    bytes object each, the digests (32 bytes per file), the facets (marshalled, with
    where each lies: unpacked when asked for), the recorded-conflict flags and where
    each packed file lies.
    Shared by every record taken from it (see :class:`~.records.Record`); safe to use
    from several threads (a value computed twice is the same value).
    """

    def __init__(
        self,
        files: tuple[Any, ...] | None = None,
        head: tuple[Any, ...] | None = None,
        data: bytes | mmap.mmap = b"",
        hays: tuple[int, int] = (0, 0),
        blobs: tuple[int, int] = (0, 0),
        fingerprint: tuple[int, int] = (0, 0),
    ) -> None:
        names, stats = files if files is not None else ([], b"")
        count = len(names) if type(names) is list else -1
        if head is None:  # (only the files: enough to match a scan with)
            zeros = array("q", [0] * (count + 1)).tobytes()
            head = (bytes(32 * count), [""] * count, [""] * count, b"", zeros, bytes(count))
            head += (zeros, True)
        digests, ids, sort_names, rows, row_spans, flags, spans, unique = head
        self.stats = array("q")
        self.stats.frombytes(stats)
        self.offsets = array("q")
        self.offsets.frombytes(spans)
        self._row_offsets = array("q")
        self._row_offsets.frombytes(row_spans)
        if any(type(c) is not list or len(c) != count for c in (names, ids, sort_names)) or (
            len(self.stats) != 4 * count
            or len(flags) != count
            or len(digests) != 32 * count
            or len(self.offsets) != count + 1
            or len(self._row_offsets) != count + 1
            or type(rows) is not bytes
        ):
            raise ValueError("the cache's columns do not match")
        self.names: list[str] = names
        self._digests: bytes = digests
        self.ids: list[str] = ids
        self.sort_names: list[str] = sort_names
        self.ids_unique = bool(unique)
        #: (length, crc32) of the files section: what a match made elsewhere must have seen.
        self.fingerprint = fingerprint
        self._rows: bytes = rows
        self._flags: bytes = flags
        self._positions: dict[str, int] | None = None
        self._data = memoryview(data)
        self._hays_at = hays
        self._blobs_at = blobs
        self._hays: list[str] | None = None
        self._lock = threading.Lock()

    def stats_by_name(self) -> dict[str, FileStat]:
        """Every cached file's stat by name (what a clean match saw in the folder)."""
        return {name: self.stat(i) for i, name in enumerate(self.names)}

    def __len__(self) -> int:
        return len(self.names)

    def position(self, name: str) -> int | None:
        """Where the cache keeps ``name`` (None: it does not)."""
        positions = self._positions
        if positions is None:
            positions = self._positions = {n: i for i, n in enumerate(self.names)}
        return positions.get(name)

    def stat(self, position: int) -> FileStat:
        at = 4 * position
        s = self.stats
        return (s[at], s[at + 1], s[at + 2], s[at + 3])

    def match(self, stats: Mapping[str, FileStat]) -> Match:
        """Which cached files ``stats`` (a scan of the folder) shows unchanged, and which
        of its names must be read anew (new, changed, or not in the cache)."""
        count = len(self.names)
        now = array("q")
        missing = (-1, -1, -1, -1)
        get = stats.get
        for name in self.names:
            now.extend(get(name, missing))
        if now == self.stats and len(stats) == count:
            return b"\x01" * count, []  # the usual case: nothing changed since
        valid = bytearray(count)
        cached = self.stats
        for i in range(count):
            at = 4 * i
            if now[at : at + 4] == cached[at : at + 4] and now[at] != -1:
                valid[i] = 1
        position = self.position
        to_read = []
        for name in stats:
            at_cache = position(name)
            if at_cache is None or not valid[at_cache]:
                to_read.append(name)
        return bytes(valid), sorted(to_read)

    def facets(self, position: int) -> Facets:
        """The facets of the file at ``position``."""
        start, stop = self._row_offsets[position], self._row_offsets[position + 1]
        if not 0 <= start <= stop <= len(self._rows):
            raise ValueError("facets outside the cache")  # (a damaged head: never, checked)
        return lean.facets_from_row(marshal.loads(self._rows[start:stop]))

    def digest(self, position: int) -> str:
        """The sha256 (hex) of the file at ``position``, as it was cached."""
        return self.raw_digest(position).hex()

    def raw_digest(self, position: int) -> bytes:
        """The sha256 of the file at ``position``, as 32 bytes."""
        return self._digests[32 * position : 32 * position + 32]

    def conflicted(self, position: int) -> bool:
        """Whether the file at ``position`` has recorded conflicts (without its facets)."""
        return self._flags[position] == 1

    def haystack(self, position: int) -> str:
        """The folded text of the file at ``position``."""
        hays = self._hays
        if hays is None:
            hays = self.warm()
        return hays[position]

    def warm(self) -> list[str]:
        """Unmarshal every haystack now (the first filter then finds them ready)."""
        with self._lock:
            if self._hays is None:
                start, end = self._hays_at
                hays = marshal.loads(self._data[start:end])
                if type(hays) is not list or len(hays) != len(self.names):
                    raise ValueError("haystacks do not match the head")  # checked: never
                self._hays = hays
            return self._hays

    def packed(self, position: int) -> lean.Packed:
        """The packed file at ``position``."""
        packed: lean.Packed = marshal.loads(self.blob(position))
        return packed

    def blob(self, position: int) -> memoryview:
        """The packed file at ``position`` as the cache holds it (marshalled)."""
        base, end = self._blobs_at
        start, stop = self.offsets[position], self.offsets[position + 1]
        if not 0 <= start <= stop <= end - base:
            raise ValueError("a packed file outside the cache")  # checked at read: never
        return self._data[base + start : base + stop]


EMPTY = CachedIndex()


def _sha256_hex(data: bytes) -> str:
    """The sha256 of ``data`` (hex), from the interpreter's own sha256 where it has one.

    The same digest as ``hashlib``'s, without importing ``hashlib`` (and OpenSSL's
    bindings: about 1 ms of every start, and nothing else needs them to open an
    unchanged workspace).
    """
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:  # (a Python built without them)
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    digest: str = sha256(data).hexdigest()
    return digest


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
        name = _sha256_hex(str(resolved).encode("utf-8", "surrogatepass"))[:32]
        return cls(folder / f"{name}.idx", resolved, **kwargs)

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def read(self, *, files_only: bool = False) -> CachedIndex:
        """What the cache holds; empty when there is none or it cannot be trusted.

        ``files_only``: read and check only the first section (the names and stats), all a
        scan is matched with (:mod:`.scanning`'s child); nothing else is there to ask for.
        """
        if self.path is None:
            return EMPTY
        try:
            data = self._files_bytes() if files_only else self._mapped()
        except OSError:
            return EMPTY
        try:
            return self._parse(data, files_only=files_only)
        except (ValueError, TypeError, EOFError, struct.error):
            return EMPTY

    def _mapped(self) -> bytes | mmap.mmap:
        """The whole cache file, mapped into memory where that is possible.

        A mapping costs a fraction of a read: no copy of the (many megabytes of) packed
        files, and pages come straight from the system's file cache as they are touched.
        It stays valid for as long as it is used: the cache is only ever replaced by a
        rename (:meth:`write`), never changed in place, so the mapped file is the file we
        checked. The cache is not in the workspace, so storage rule 3 (no handle on a
        workspace file outlives a call) is not at stake. Not on Windows, where a mapped
        file cannot be replaced by the next write.
        """
        assert self.path is not None
        if os.name == "posix":
            fd = os.open(self.path, os.O_RDONLY)
            try:
                return mmap.mmap(fd, 0, prot=mmap.PROT_READ)
            except (ValueError, OSError):  # (an empty file, say: read it instead)
                pass
            finally:
                os.close(fd)  # (the mapping keeps what it needs)
        return self.path.read_bytes()

    def _files_bytes(self) -> bytes:
        """The magic, the section table and the files section of the cache file."""
        assert self.path is not None
        fd = os.open(self.path, os.O_RDONLY)
        try:
            start = os.read(fd, len(MAGIC) + SECTIONS.size)
            if len(start) != len(MAGIC) + SECTIONS.size or not start.startswith(MAGIC):
                return b""
            want = SECTIONS.unpack_from(start, len(MAGIC))[0]
            chunks = [start]
            while want > 0 and (chunk := os.read(fd, min(want, 1 << 22))):
                chunks.append(chunk)
                want -= len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def _parse(self, data: bytes | mmap.mmap, *, files_only: bool = False) -> CachedIndex:
        if data[: len(MAGIC)] != MAGIC:
            return EMPTY
        at = len(MAGIC) + SECTIONS.size
        table = SECTIONS.unpack_from(data, len(MAGIC))
        sections = [(table[i], table[i + 1]) for i in range(0, 8, 2)]
        if files_only:
            sections = sections[:1]
        if at + sum(length for length, _ in sections) != len(data):
            return EMPTY
        view = memoryview(data)
        spans = []
        for length, crc in sections:
            # crc32 lets other threads run on big buffers: the first paint goes on meanwhile.
            if zlib.crc32(view[at : at + length]) != crc:
                return EMPTY
            spans.append((at, at + length))
            at += length
        made_by, joined, stats = marshal.loads(view[spans[0][0] : spans[0][1]])
        if made_by != stamp(self.root) or type(joined) is not str:
            return EMPTY
        names = joined.split(SEPARATOR) if joined else []
        fingerprint = sections[0]
        if files_only:
            return CachedIndex((names, stats), fingerprint=fingerprint)
        head = marshal.loads(view[spans[1][0] : spans[1][1]])
        if type(head) is not tuple:
            return EMPTY
        return CachedIndex((names, stats), head, data, spans[2], spans[3], fingerprint)

    def write(self, records: list[tuple[FileStat, Record]]) -> None:
        """Replace the cache with these records (those read through the lean path).

        Best effort: a cache that cannot be written is simply not there next time.
        """
        if self.path is None:
            return
        bound_heap()
        limit = time.time_ns() - int(self.racy_seconds * 1e9)
        sections, blobs = pack(records, self.root, limit)
        cachefile.replace(self.path, lambda fd: write_file(fd, sections, blobs))
