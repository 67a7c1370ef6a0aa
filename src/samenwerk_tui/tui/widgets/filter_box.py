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
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from samenwerk_tui.tui.commands import bindings


class FilterBox(Input):
    """An ``Input`` whose ``enter`` and ``escape`` hand focus back to the next widget."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("filter"))
    # The box is one line of fixed size without a scroll bar: its virtual size (the text's
    # width, new at every key) scrolls the text but needs no layout of the whole screen,
    # which Textual would otherwise do at each keystroke.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def action_keep(self) -> None:
        self.screen.focus_next()

    def action_clear(self) -> None:
        self.screen.focus_next()
        self.call_later(self._clear)

    def _clear(self) -> None:
        self.value = ""
