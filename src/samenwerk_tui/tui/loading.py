"""What the app's reading of a workspace tells it: loaded (or why not), changed outside.

The app reads a workspace in a thread worker and looks for outside changes every second;
each ends by posting one of these messages. :func:`settle_memory` runs once a workspace
is read and shown.
"""

from __future__ import annotations

from textual.message import Message

from samenwerk_tui import collector
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
    """After a workspace is read and shown: leave what is there now to reference counting,
    and let the collector (paused by the command line's start-up) run again.

    See :func:`samenwerk_tui.collector.settle`.
    """
    collector.settle()
