"""Stat the partnerships folder: here, or (opening the app on Linux) in a child process.

Opening a big workspace starts with one ``lstat`` per file, to know which files the index
cache still holds unchanged. At 10,000 files that is some 35 ms of interpreter work, which
in a thread would take turns with importing Textual for the one interpreter lock. So the
app's first read forks a child process first thing (:meth:`ChildScan.start`), which runs on
the other core while the app starts: it sweeps our old temp files (for a session that
writes), reads the index cache's files section alone, and checks whether the folder holds
exactly those files with those stats (:func:`unchanged`, the usual case); if not, it scans
the folder (:func:`scan_folder`) and matches file by file. It sends back the match, with
the cache's fingerprint, and the scan marshalled (not when it is exactly the cache's).
Forking is used only where it is safe and cheap: on Linux, and while this process runs no
other thread (a lock another thread held at the fork would stay locked in the child).
Anything that goes wrong in or with the child is a scan here instead: the result is always
the same as a plain read's.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerk_tui.cachefile import write_all
from samenwerk_tui.store.atomic import TEMP_SUFFIX, sweep_temp_files
from samenwerk_tui.store.records import FileStat, StoreError

if TYPE_CHECKING:
    from samenwerk_tui.store.index import CachedIndex, Index, Match

FILE_NAME = re.compile(r"^[a-z0-9-]+-([a-z0-9]{6})\.toml\Z")  # \Z: "$" also allows a final \n


def scan_folder(folder: Path) -> dict[str, FileStat]:
    """Stat every entry of the partnerships folder except our temp files."""
    out: dict[str, FileStat] = {}
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return out
    except NotADirectoryError:  # a file named "partnerships": say so, list nothing
        raise StoreError("error.not_a_folder", path=str(folder)) from None
    for entry in entries:
        name = entry.name
        if name.endswith(TEMP_SUFFIX) or name.startswith(".merge_file_"):
            continue
        try:
            # A link or a folder in a partnership file's place is listed (as broken, by
            # the read), not skipped: nothing disappears silently. Other links (Emacs's
            # ".#senseo-k3f9qa.toml" lock) are no partnership's.
            if not entry.is_file(follow_symlinks=False) and not FILE_NAME.fullmatch(name):
                continue
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        out[name] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    return out


#: What a finished scan gives: the stats (unpacked when first called for; None when they
#: are exactly the cache's), and, if the child matched them against the index cache, that
#: match with the cache's fingerprint.
Scanned = tuple[Callable[[], dict[str, FileStat]] | None, "tuple[tuple[int, int], Match] | None"]


class ChildScan:
    """A scan of one folder (and its match against the index cache) in a forked child."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd

    @classmethod
    def start(cls, folder: Path, index: Index | None, *, sweep: bool = False) -> ChildScan | None:
        """Fork the child now; None where forking is not used (then scan here).

        ``sweep``: the child first deletes our temp files left behind in the folder.
        """
        if not sys.platform.startswith("linux") or threading.active_count() != 1:
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: scan, match, send, and leave without any clean-up
            code = 1
            try:
                os.close(read_end)
                write_all(write_end, marshal.dumps(_scan_and_match(folder, index, sweep)))
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> Scanned | None:
        """What the child found (waiting for it); None if it failed: scan here then."""
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._fd)
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            status = 1
        if status != 0 or not chunks:
            return None
        try:
            stats_blob, matched = marshal.loads(b"".join(chunks))
        except (ValueError, EOFError, TypeError):
            return None
        if stats_blob is None:  # the folder holds exactly the cache's files
            return None if matched is None else (None, matched)
        if type(stats_blob) is not bytes:
            return None
        return _unpack_later(stats_blob), matched


def _scan_and_match(folder: Path, index: Index | None, sweep: bool) -> tuple[bytes | None, Any]:
    """In the child: the scan (marshalled; None when it is exactly the cache's files) and
    its match against the cache (None: no cache)."""
    if sweep:
        sweep_temp_files(folder)
    cached = index.read(files_only=True) if index is not None and index.enabled else None
    if cached is not None and len(cached) and unchanged(folder, cached):
        return None, (cached.fingerprint, (b"\x01" * len(cached), []))
    stats = scan_folder(folder)
    matched = None
    if cached is not None and len(cached):
        matched = (cached.fingerprint, cached.match(stats))
    return marshal.dumps(stats), matched


def unchanged(folder: Path, cached: CachedIndex) -> bool:
    """Whether the folder holds exactly the cached files, each with its cached stat (the
    usual case, asked the quick way: one ``lstat`` per cached name, no other entries)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        listing = os.listdir(fd)
        names = cached.names
        if len(listing) != len(names):
            return False  # (our temp files, a new file, a deleted one: the full scan says)
        now = array("q")
        lstat = os.lstat
        for name in names:
            st = lstat(name, dir_fd=fd)
            now.extend((st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns))
        return now == cached.stats and set(listing) == set(names)
    except OSError:
        return False
    finally:
        os.close(fd)


def _unpack_later(blob: bytes) -> Callable[[], dict[str, FileStat]]:
    def unpack() -> dict[str, FileStat]:
        stats = marshal.loads(blob)
        if type(stats) is not dict:
            raise ValueError("a scan that is no mapping")  # the child sent it: never
        return stats

    return unpack
