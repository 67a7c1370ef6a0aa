"""The filter box above the list: ``enter`` keeps the filter, ``escape`` clears it, and
either goes back to the list at once.

Both are priority bindings of the box, so they act where the app reads keys and focus is
on the list before the next key is read: ``/sen`` ``enter`` ``j`` filters and then moves
the cursor, whatever the speed of typing. Clearing waits behind the letters typed into
the box before ``escape`` (they are in the box's own queue), so they cannot come back.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import Input

from samenwerk_tui.tui.commands import bindings


class FilterBox(Input):
    """An ``Input`` whose ``enter`` and ``escape`` hand focus back to the next widget."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("filter"))

    def action_keep(self) -> None:
        self.screen.focus_next()

    def action_clear(self) -> None:
        self.screen.focus_next()
        self.call_later(self._clear)

    def _clear(self) -> None:
        self.value = ""
