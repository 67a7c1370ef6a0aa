"""What the app's reading of a workspace tells it: loaded (or why not), changed outside.

The app reads a workspace in a thread worker (:func:`read_workspace`) and looks for
outside changes every second; each ends by posting one of these messages.
:func:`settle_memory` runs once a workspace is read and shown.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from textual.message import Message

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import collector
from samenwerk_tui.services.changes import Refresh
from samenwerk_tui.services.session import Session


class Loaded(Message):
    """The workspace has been read (in a worker); ``error`` says why not, if it was not."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class Arriving(Message):
    """A long read has read more partnerships (posted from the reading thread)."""


class WorkspaceChanged(Message):
    """A poll found files changed outside the app."""

    def __init__(self, refresh: Refresh) -> None:
        super().__init__()
        self.refresh = refresh


def settle_memory() -> None:
    """After a workspace is read and shown: leave what is there now to reference counting,
    and let the collector (paused by the command line's start-up) run again.

    See :func:`samenwerk_tui.services.collector.settle`.
    """
    collector.settle()


def read_workspace(session: Session, lock: AbstractContextManager[object]) -> Loaded:
    """Read the session's workspace (in the app's load worker, holding ``lock``): the
    message that says it is read, or in one sentence why not."""
    try:
        with lock:
            session.load()
    except SamenwerkError as exc:
        return Loaded(i18n.text_of(exc))
    except OSError as exc:
        return Loaded(i18n.t("tui.os_error", reason=exc.strerror or str(exc)))
    except Exception as exc:  # noqa: BLE001 - never leave the app stuck on "loading"
        return Loaded(i18n.t("tui.load_failed", reason=f"{type(exc).__name__}: {exc}"))
    return Loaded()
