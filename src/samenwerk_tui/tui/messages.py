"""App-level messages: requests that travel between screens and the app.

A screen's messages bubble up to the app (a screen's parent). The app runs what outlives
any one screen (git's workers) and reports back through :class:`~.state.AppState`
(its ``git`` and ``data_version`` vars), never by calling the screen. The command
palette asks the main screen to show a partnership with :class:`ShowPartnership`;
the welcome pane and the palette ask the app to open another workspace
(:class:`OpenWorkspace`, :class:`OpenDemo`).
Messages that stay inside one screen (a widget's, a form's) are defined beside the
widget or form.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class SyncRequested(Message):
    """The user asked for a sync (``s``): commit, pull with merge, push, in a worker."""


class RepairRequested(Message):
    """The user asked to rebuild a file with conflict markers from its two sides."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class ShowPartnership(Message):
    """Ask the main screen to put its cursor on a partnership (clearing a filter that
    hides it), as the palette's jump does."""

    def __init__(self, pid: str) -> None:
        super().__init__()
        self.pid = pid


class OpenWorkspace(Message):
    """Open the workspace in another folder (``create``: make one there if needed; only
    after the user said yes)."""

    def __init__(self, root: Path, *, create: bool = False) -> None:
        super().__init__()
        self.root = root
        self.create = create


class OpenDemo(Message):
    """Open the demo workspace in the language in use (created the first time)."""
