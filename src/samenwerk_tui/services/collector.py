"""The garbage collector during start-up: paused while the long-lived objects are made.

Starting samenwerk makes hundreds of thousands of objects that live as long as the
program: the modules imported, and at 10,000 partnerships the records read. The
interpreter's cyclic collector runs after every few hundred allocations and walks, in
its older generations, everything made so far; during start-up that is about a third of
the time spent reading a big workspace, and finds next to nothing (what start-up leaves
behind is freed by reference counting, which never pauses). So the command line's entry
point pauses it (:func:`paused`); once the workspace is read and shown, :func:`settle`
moves what is alive then out of the collector's sight (``gc.freeze``) and lets it run
again, for whatever the program makes from then on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block (as it was after it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """What is alive now stays alive: leave it to reference counting, and collect again.

    The interpreter's full collections walk every object they track; with ten thousand
    records (and their facets and rows) that is 60-120 ms, now and then, in the middle of
    a keystroke. Frozen objects are skipped; whatever is made from now on (and freed
    cyclically) is collected as usual.
    """
    gc.freeze()
    gc.enable()
