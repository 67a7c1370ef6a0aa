"""What the app's reading of a workspace tells it: loaded (or why not), changed outside.

The app reads a workspace in a thread worker (:func:`read_workspace`) and looks for
outside changes every second; each ends by posting one of these messages.
:func:`settle_memory` runs once a workspace is read and shown.
"""

from __future__ import annotations

import gc
from contextlib import AbstractContextManager

from textual.message import Message

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Refresh
from samenwerk_tui.services.session import Session


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
