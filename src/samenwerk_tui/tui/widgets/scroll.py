"""Panes that scroll and lists of choices, moved the same way everywhere.

``j``/``k``, ``g``/``G`` (and ``home``/``end``), ``ctrl+d``/``ctrl+u`` for half a page: the
keys of a pager, in every scrollable pane (:class:`Pane`: detail, notes, help, guidance,
an earlier version) and every list of choices (:class:`ChoiceList`: history, the
portfolio's lists). The keys come from the command table's ``pane`` and ``options``
scopes, so the help screen lists them and a keymap can change them. The partnership list
has its own (there ``g`` is the main screen's guidance).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from samenwerk_tui.tui.commands import bindings


class Pane(VerticalScroll):
    """A focusable vertical scroll with the pager's keys."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("pane"))

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:  # noqa: A002
        super().__init__(id=id, classes=classes, can_focus=True)

    def action_half_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_relative(y=direction * step, animate=False)

    # A pager jumps: no animation to wait for (and nothing half-drawn in a snapshot).
    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)


class ChoiceList(OptionList):
    """An ``OptionList`` with the pager's keys (it has the arrows, home and end already)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("options"))

    def action_half_page(self, direction: int) -> None:
        if self.option_count == 0:
            return
        step = max(1, self.scrollable_content_region.height // 2)
        start = self.highlighted if self.highlighted is not None else 0
        target = max(0, min(start + direction * step, self.option_count - 1))
        # Headings are disabled options: step on to the nearest one that can be chosen.
        for index in _nearest(target, direction, self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return


def _nearest(start: int, direction: int, count: int) -> list[int]:
    """Indexes from ``start`` onwards in ``direction``, then back the other way."""
    ahead = range(start, count) if direction > 0 else range(start, -1, -1)
    behind = range(start - 1, -1, -1) if direction > 0 else range(start + 1, count)
    return [*ahead, *behind]
