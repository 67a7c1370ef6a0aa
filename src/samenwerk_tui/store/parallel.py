"""Reading many partnership files on every core: the first open of a big workspace.

Parsing is interpreter work (the Rust parser holds the interpreter lock while it parses),
so threads would take turns; processes do not. When a read has at least
:data:`PARALLEL_FROM` files to parse and the machine more than one core, the files are
split into chunks that worker processes read and parse (the same
:meth:`Workspace.parse <samenwerk_tui.store.workspace.Workspace.parse>` as a plain read),
each sending back per file its digest, its packed form, its facets, the name it sorts by
and its haystack, so nothing of it is computed (or parsed) again here. Anything that goes
wrong with the workers (no process support, a worker that died) falls back to reading
the rest in this process: the result is always that of a plain sequential read, which
``tests/store/test_parallel_read.py`` checks on a corpus with broken files, duplicates
and files changed during the read.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenwerk_tui.store import lean
from samenwerk_tui.store.atomic import NotAFileError, read_file
from samenwerk_tui.store.records import Problem, Record

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Files to parse from which worker processes pay for their start (about 0.1 s each).
PARALLEL_FROM = 1500
#: Files per chunk a worker reads at a time (results come back chunk by chunk).
CHUNK = 500
#: Files in each worker's first chunk.
FIRST_CHUNK = 100


#: Whether this program may start worker processes (:func:`allow_processes`).
_allowed = False


def allow_processes(allowed: bool = True) -> None:
    """Let big reads use worker processes (the command line and the app do, at start).

    Off by default: a spawned worker imports the program's main script again, and a
    script without an ``if __name__ == "__main__"`` guard would then run again in every
    worker. samenwerk's own entry points (``samenwerk``, ``python -m samenwerk_tui``) are
    safe, and turn it on.
    """
    global _allowed
    _allowed = allowed


def workers() -> int:
    """Worker processes worth starting here: one per core, at most four; 0 for one core
    or when processes are not allowed (:func:`allow_processes`)."""
    if not _allowed:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(cores, 4)


def parse_many(
    folder: Path,
    names: Sequence[str],
    read: Callable[[str], Record | Problem | None],
    parse: Callable[[str, bytes], Record | Problem],
    *,
    processes: int | None = None,
) -> Iterator[Record | Problem]:
    """Read and parse ``names`` (in ``folder``), in worker processes when it pays.

    ``read`` reads and parses one file in this process (None: the file is gone): the
    plain path, and the fallback. ``parse`` (a module-level function, so a worker can be
    handed it) turns one file's bytes into a record or a problem.
    """
    count = workers() if processes is None else processes
    if count < 2 or len(names) < PARALLEL_FROM:  # (nothing of multiprocessing imported)
        yield from _sequential(names, read)
        return
    try:
        # Imported here: only a big first read needs processes (start-up is spared them).
        import multiprocessing
        import pickle
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool
    except ImportError:  # a platform without processes
        yield from _sequential(names, read)
        return
    # The first chunk of each worker is small, so that the first records come back soon
    # after the workers start (a front end shows them while the rest is read).
    small = min(CHUNK, FIRST_CHUNK)
    first = min(small * count, len(names))
    chunks = [list(names[i : min(i + small, first)]) for i in range(0, first, small)]
    chunks += [list(names[i : i + CHUNK]) for i in range(first, len(names), CHUNK)]
    done = 0
    try:
        # "spawn": a fresh interpreter per worker. Forking now could copy a lock another
        # thread of the app holds (the import lock, while Textual is being imported).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            futures: list[Future[tuple[bytes, list[Record | Problem]]]] = [
                pool.submit(_parse_chunk, str(folder), chunk, parse) for chunk in chunks
            ]
            for future in futures:
                yield from _records(future.result())
                done += 1
    except (BrokenProcessPool, OSError, RuntimeError, ImportError, pickle.PicklingError):
        # A worker that died or could not start: the rest is read here, as if there were
        # no workers (a worker's own failure to read a file is a problem it sends back).
        yield from _sequential([name for chunk in chunks[done:] for name in chunk], read)


def _sequential(
    names: Sequence[str], read: Callable[[str], Record | Problem | None]
) -> Iterator[Record | Problem]:
    for name in names:
        found = read(name)
        if found is not None:
            yield found


def _parse_chunk(
    folder: str, names: list[str], parse: Callable[[str, bytes], Record | Problem]
) -> tuple[bytes, list[Record | Problem]]:
    """In a worker: read and parse these files.

    Records of the lean path come back as one ``marshal``-led list of plain tuples (name,
    digest, packed file marshalled, facets, sort name, haystack): unmarshalling it costs
    the app little, and the packed file stays marshalled until someone needs its model
    (the index cache stores it as it is). Problems and the rare file only the full
    decoder reads come back pickled, as they are.
    """
    lean_rows: list[tuple[Any, ...]] = []
    others: list[Record | Problem] = []
    base = Path(folder)
    for name in names:
        try:
            data = read_file(base / name)
        except FileNotFoundError:
            continue
        except NotAFileError as exc:
            others.append(Problem(name, f"broken.{exc.kind}"))
            continue
        except OSError as exc:
            others.append(Problem(name, "broken.unreadable", {"reason": exc.strerror or str(exc)}))
            continue
        item = parse(name, data)
        if isinstance(item, Record) and item.packed is not None:
            packed = item.packed
            lean_rows.append(
                (item.name, item.digest, marshal.dumps(packed), lean.facets_row(item.facets))
                + (item.sort_key[0], item.haystack)
            )
        else:
            others.append(item)
    return marshal.dumps(lean_rows), others


def _records(parsed: tuple[bytes, list[Record | Problem]]) -> Iterator[Record | Problem]:
    rows, others = parsed
    from_row = lean.facets_from_row
    for name, digest, blob, facets, sort_name, hay in marshal.loads(rows):
        yield Record(
            name,
            None,
            digest,
            blob=blob,
            facets=from_row(facets),
            haystack=hay,
            sort_name=sort_name,
        )
    yield from others
