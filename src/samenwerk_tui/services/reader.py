"""Reading a workspace for a session: early, from the index cache, and writing the cache
back later.

A front end starts reading first thing (:meth:`WorkspaceReader.preload`), so that reading
(mostly system calls, which release the GIL) overlaps with importing and starting the user
interface; the session's load then takes what was read. Unchanged files come from the
index cache; when the cache is out of date it is written again afterwards, on a timer, so
the records are ready at once and (in the TUI) the first paint is left alone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from samenwerk_tui.store import parallel
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.records import FileStat, LoadResult, Record, StoreError
from samenwerk_tui.store.scanning import ChildScan
from samenwerk_tui.store.workspace import Workspace

#: Seconds the TUI waits after its first load before writing the index cache.
INDEX_DELAY = 1.5
#: Files left to parse from which waiting for the preload is no longer worth it.
MANY_TO_PARSE = 500
#: The folder's stats, or how to get them (unpacked when first needed: a scan made in a
#: child process arrives marshalled).
Stats = dict[str, FileStat] | Callable[[], dict[str, FileStat]]
#: What reading the folder gives: stats, records and problems, and the index to write.
Read = tuple[Stats, LoadResult, list[tuple[FileStat, Record]] | None]


def _unpacked(stats: Stats) -> dict[str, FileStat]:
    return stats if isinstance(stats, dict) else stats()


def allow_worker_processes() -> None:
    """Let a big first read parse in worker processes (:mod:`samenwerk_tui.store.parallel`).

    For samenwerk's own entry points only: a spawned worker imports the program's main
    script again, which a script without a main guard would run again.
    """
    parallel.allow_processes(True)


class WorkspaceReader:
    """Reads one workspace's folder (through its index cache, if any) for a session."""

    def __init__(self, workspace: Workspace, index: Index | None) -> None:
        self.workspace = workspace
        self.index = index
        self._preloader: threading.Thread | None = None
        self._preloaded: Read | BaseException | None = None
        self._index_writer: threading.Thread | None = None
        self._sweep = False
        #: Files read so far and files to read, while a read runs (for a progress line).
        self.progress: tuple[int, int] = (0, 0)
        #: The records a long read has read so far (a new list at each step), to show
        #: before the read is done; None when there is nothing (more) to show.
        self.arrived: list[Record] | None = None
        #: Called (on the reading thread) each time :attr:`arrived` has grown.
        self.on_arrived: Callable[[], None] | None = None

    def preload(self) -> None:
        """Start reading in a thread now; the next :meth:`take` returns what it read.

        The folder's stats come from a child process where that is used
        (:class:`~samenwerk_tui.store.scanning.ChildScan`), started before the thread.
        """
        if self._preloader is not None:
            return
        child = ChildScan.start(self.workspace.folder, self.index, sweep=self._sweep)

        def run() -> None:
            try:
                self._preloaded = self.read(child)
            except BaseException as exc:  # handed to take(), which raises it there
                self._preloaded = exc

        self._preloader = threading.Thread(target=run, name="samenwerk-preload", daemon=True)
        self._preloader.start()

    def sweep_before_reading(self) -> None:
        """Have the next read first delete our stale temp files (a session that writes)."""
        self._sweep = True

    def _sweep_if_asked(self) -> None:
        if self._sweep:
            self._sweep = False
            self.workspace.sweep()

    @property
    def preload_finished(self) -> bool:
        """True when a preload was started and has finished (:meth:`take` will not wait)."""
        return self._preloader is not None and not self._preloader.is_alive()

    def wait_for_preload(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the preload; True when it has finished.

        Stops waiting as soon as the preload turns out to have many files to parse (a
        first open): then the front end had better show itself and the rows as they come.
        """
        preloader = self._preloader
        if preloader is None:
            return False
        deadline = time.monotonic() + timeout
        while preloader.is_alive() and time.monotonic() < deadline:
            done, total = self.progress
            if total - done >= MANY_TO_PARSE:
                return False
            preloader.join(min(0.01, max(0.0, deadline - time.monotonic())))
        return not preloader.is_alive()

    def take(self) -> tuple[Read, bool]:
        """What the preload read (waiting for it), else a read now; and whether preloaded."""
        preloader, self._preloader = self._preloader, None
        if preloader is None:
            return self.read(), False
        preloader.join()
        read, self._preloaded = self._preloaded, None
        if isinstance(read, StoreError | OSError):
            raise read
        if not isinstance(read, tuple):  # anything unexpected: read again, here
            read = self.read()
        return read, True

    def read(self, child: ChildScan | None = None) -> Read:
        """Stat the folder and read every file (unchanged ones from the index cache).

        ``child``: a scan already under way in a child process (its result is used if it
        matches the cache read here; anything else is done here).
        """
        # The child's answer first: reading the cache meanwhile would make three threads
        # of work (the child, this one, the app starting) for two cores.
        scanned = child.result() if child is not None else None
        if scanned is None:
            self._sweep_if_asked()
        self._sweep = False  # (done, by the child or here)
        if self.index is None or not self.index.enabled:
            # (without a cache the child always sends its scan)
            sent = scanned[0] if scanned is not None else None
            scan = self.workspace.scan() if sent is None else sent()
            return scan, self.workspace.load_names(sorted(scan)), None
        cached = self.index.read()
        matched = None
        stats: Stats
        if scanned is None:
            stats = self.workspace.scan()
        else:
            child_stats, from_child = scanned
            if from_child is not None and from_child[0] == cached.fingerprint:
                matched = from_child[1]
            if child_stats is not None:
                stats = child_stats
            elif matched is not None:  # the folder holds exactly the cache's files
                stats = cached.stats_by_name
            else:  # (a cache replaced meanwhile: its files are not the ones matched)
                stats = self.workspace.scan()
        if matched is None or matched[1] or matched[0].count(0):
            # Files to read, files gone, or no match to go by: the stats are needed now.
            stats = _unpacked(stats)
        result, to_index = self.workspace.load_indexed(
            stats if isinstance(stats, dict) else {},
            self.index,
            self._told,
            cached=cached,
            matched=matched,
            arrived=self._arrived,
        )
        self.arrived = None
        return stats, result, to_index

    @staticmethod
    def warm(records: list[Record]) -> None:
        """Ready what the first filter keystroke needs (the haystacks and the facets), in
        the background.

        Called after the first paint; a keystroke before it is done computes the rest (at
        10,000 partnerships, some 30 ms for the query subjects with nothing ready, about
        half that with these).
        """

        def run() -> None:
            for record in records:
                record.haystack  # noqa: B018 - computed and kept by the record
                record.facets  # noqa: B018 - likewise

        threading.Thread(target=run, name="samenwerk-warm", daemon=True).start()

    def _told(self, done: int, total: int) -> None:
        self.progress = (done, total)

    def _arrived(self, records: list[Record]) -> None:
        self.arrived = records
        if self.on_arrived is not None:
            self.on_arrived()

    def write_index_later(self, entries: list[tuple[FileStat, Record]], delay: float) -> None:
        """Write the index cache ``delay`` seconds from now, in a thread of its own.

        Not a daemon: a short-lived command waits for it at exit rather than leave half a
        file.
        """
        index = self.index
        if index is None:
            return
        self.wait_for_index()
        waiting = [entries]

        def write() -> None:  # (a Timer keeps its arguments: these go once written)
            index.write(waiting.pop())

        self._index_writer = threading.Timer(delay, write)
        self._index_writer.name = "samenwerk-index"
        self._index_writer.start()

    def wait_for_index(self) -> None:
        """Wait until the index cache being written is on disk."""
        if self._index_writer is not None:
            self._index_writer.join()
            self._index_writer = None
