"""What the app's reading of a workspace tells it: loaded (or why not), changed outside.

The app reads a workspace in a thread worker and looks for outside changes every second;
each ends by posting one of these messages. :func:`settle_memory` runs once a workspace
is read and shown.
"""

from __future__ import annotations

import gc

from textual.message import Message

from samenwerk_tui.services.changes import Refresh


class Loaded(Message):
    """The workspace has been read (in a worker); ``error`` says why not, if it was not."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class WorkspaceChanged(Message):
    """A poll found files changed outside the app."""

    def __init__(self, refresh: Refresh) -> None:
        super().__init__()
        self.refresh = refresh


def settle_memory() -> None:
    """After a workspace is read and shown: leave what is there now to reference counting.

    The interpreter's full garbage collection walks every object it tracks; with ten
    thousand records (and their facets and rows) that is 60-120 ms, now and then, in the
    middle of a keystroke. What was read stays alive (or is freed by reference counting,
    which freezing does not stop), so the collector need not look at it again.
    """
    gc.freeze()
