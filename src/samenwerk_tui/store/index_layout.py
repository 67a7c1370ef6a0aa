"""The index cache file's layout (:mod:`.index` reads it), and its writing.

After a magic line and a table of the four sections' lengths and checksums come the
*files* (the names as one string, and the stats), the *head* (in columns: the digests,
ids, sort names, facets, conflict flags and where each packed file lies), the
*haystacks* and the *packed files*.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerk_tui.cachefile import write_all
from samenwerk_tui.store import parser
from samenwerk_tui.store.lean import facets_row

if TYPE_CHECKING:
    from samenwerk_tui.store.records import FileStat, Record

MAGIC = b"SAMENWERK-INDEX\n"
#: Bump when the layout or the lean rules change: old caches are then ignored.
#: 2: facets gained the type scores, the update time and the divergence flag.
#: 3: notes gained ``edited``, tags never start with "#".
#: 4: three sections (head, haystacks, packed files), the last two read on demand.
#: 5: the head in columns (few objects to unmarshal), facets unpacked on demand.
#: 6: the names and stats in a section of their own, first (all a scan is matched with).
#: 7: digests (raw) and facets each in one bytes object: 20,000 fewer objects at 10,000.
#: 8: the file names as one string: unmarshalled, a list of names is interned one by one.
FORMAT = 8
#: After the magic: length and crc32 of the files (names, stats), the head, the haystacks
#: and the packed files.
SECTIONS = struct.Struct(">QIQIQIQI")
#: Between two file names in the files section: no file name can hold it.
SEPARATOR = "/"


def stamp(root: Path) -> tuple[Any, ...]:
    from samenwerk_tui import __version__

    return (
        FORMAT,
        __version__,
        sys.version_info[:2],
        marshal.version,
        parser.NAME,
        sys.byteorder,
        str(root),
    )


def pack(
    records: list[tuple[FileStat, Record]], root: Path, limit: int
) -> tuple[list[bytes], list[bytes | memoryview]]:
    """The first three sections of a cache of ``records`` (files, head, haystacks), and the
    packed files that follow them: of the records with one, whose stat's times are before
    ``limit`` (nanoseconds; later ones could change again within the same clock tick).

    Each packed file is asked for once: one made anew (``marshal.dumps``) need not come out
    byte for byte the same a second time, and the head says where each one lies.
    """
    columns: tuple[list[Any], ...] = ([], [], [], [], [])
    names, ids, sort_names, hays, blobs = columns
    stats = array("q")
    digests = bytearray()
    flags = bytearray()
    offsets = array("q", [0])
    row_offsets = array("q", [0])
    rows = bytearray()  # (one growing buffer, not a bytes object per partnership)
    for st, r in sorted(records, key=lambda item: item[1].name):
        blob = r.blob()
        if blob is None or st[0] >= limit or st[3] >= limit:
            continue
        try:
            raw_digest = r.raw_digest()
        except ValueError:  # (never: every digest is a sha256 in hex)
            continue
        if len(raw_digest) != 32:
            continue
        facets = r.facets
        names.append(r.name)
        stats.extend(st)
        digests += raw_digest
        ids.append(r.id)
        sort_names.append(r.sort_key[0])
        rows += marshal.dumps(facets_row(facets))
        row_offsets.append(len(rows))
        flags.append(1 if facets.conflicts else 0)
        hays.append(r.haystack)
        blobs.append(blob)
        offsets.append(offsets[-1] + len(blob))
    unique = len(set(ids)) == len(ids)
    head: tuple[Any, ...] = (bytes(digests), ids, sort_names, bytes(rows))
    head += (row_offsets.tobytes(), bytes(flags), offsets.tobytes(), unique)
    # The names as one string: marshal writes a list of names that came from it as
    # interned strings, and interning them again at every open costs twice the rest.
    joined = SEPARATOR.join(names)
    sections = [marshal.dumps((stamp(root), joined, stats.tobytes()))]
    sections += [marshal.dumps(head), marshal.dumps(hays)]
    return sections, blobs


#: glibc's ``mallopt`` parameter for the size from which a buffer gets a mapping of its own.
M_MMAP_THRESHOLD = -3
#: That size: glibc's default, which glibc raises as big buffers come and go.
MMAP_THRESHOLD = 128 * 1024
_heap_bounded: bool | None = None


def bound_heap() -> bool:
    """Have glibc give every buffer of 128 kB or more a mapping of its own, for good
    (True when it did; once per process, on Linux with glibc).

    Writing the cache makes and drops buffers of a few megabytes. After glibc freed the
    first, it would serve the next ones from its heap, and the app kept some 4–8 MB it no
    longer used until exit (measured at 10,000 partnerships; ``malloc_trim`` gave back
    almost none of it). With the threshold fixed, a freed big buffer goes back at once.
    """
    global _heap_bounded
    if _heap_bounded is None:
        _heap_bounded = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes  # (not needed to start: the cache is written later)

                libc = ctypes.CDLL(None)
                if hasattr(libc, "gnu_get_libc_version"):  # glibc's mallopt, not musl's
                    _heap_bounded = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
            except (OSError, AttributeError, ImportError):
                pass
    return _heap_bounded


#: How much of the packed files is joined before it is written.
WRITE_BATCH = 1 << 20


def write_file(fd: int, sections: list[bytes], blobs: list[bytes | memoryview]) -> None:
    """The cache file: the magic, the table, ``sections`` and then the packed ``blobs``.

    The packed files go out a batch at a time from where they lie (most of them in the
    mapped cache this one replaces), their checksum made as they go, and the table of
    lengths and checksums is written last, in its place. Joining the whole file in memory
    first (some 16 MB at 10,000 partnerships) raised the app's peak memory by some 25 MB.
    """
    write_all(fd, MAGIC + bytes(SECTIONS.size))
    lengths: list[int] = []
    for section in sections:
        write_all(fd, section)
        lengths += [len(section), zlib.crc32(section)]
    crc = total = size = 0
    batch: list[bytes | memoryview] = []
    for blob in blobs:
        crc = zlib.crc32(blob, crc)
        batch.append(blob)
        size += len(blob)
        if size >= WRITE_BATCH:
            write_all(fd, b"".join(batch))
            total += size
            batch.clear()
            size = 0
    write_all(fd, b"".join(batch))
    lengths += [total + size, crc]
    os.lseek(fd, len(MAGIC), os.SEEK_SET)
    write_all(fd, SECTIONS.pack(*lengths))
