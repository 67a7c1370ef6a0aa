"""The footer, fitted to the width: low-ranked entries leave first, help and quit never.

Textual's ``Footer`` lays its keys out in a row and cuts off whatever does not fit, which
at 80 columns was ``q quit`` once undo, sync and resolve all showed. This footer keeps
Textual's keys and order but leaves out, before they are laid out, the entries the
command table ranks lowest (the rightmost of a rank first) until the rest fit. The
palette key is kept like help and quit, so ``ctrl+p`` shows at 80 columns too.

Labels are read from the catalog as the footer is laid out, not when a screen class was
defined, so the footer speaks the language in use (a screen's ``BINDINGS`` are built once,
at import).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import KEEP, by_id, footer_rank

#: Cells a compact key takes beyond its key and label: the space between, the margin.
_KEY_EXTRA = 2
#: The palette key docked right: a border, a space and padding.
_PALETTE_EXTRA = 3


def key_width(key: FooterKey) -> int:
    """Cells one compact footer key takes, margin included."""
    width = cell_len(key.key_display)
    if key.description:
        width += cell_len(key.description)
    return width + (_PALETTE_EXTRA if key.has_class("-command-palette") else _KEY_EXTRA)


def rank(key: FooterKey) -> int:
    """How long a key stays in a narrow footer (the palette key never leaves)."""
    return KEEP if key.has_class("-command-palette") else footer_rank(key.action)


def fit(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The keys that fit in ``width`` cells, dropping the lowest ranks (rightmost) first."""
    kept = list(keys)
    # The last key needs no margin after it.
    while kept and sum(key_width(k) for k in kept) - 1 > width:
        droppable = [k for k in kept if rank(k) < KEEP]
        if not droppable:
            break
        lowest = min(rank(k) for k in droppable)
        victim = [k for k in droppable if rank(k) == lowest][-1]
        kept.remove(victim)
    return kept


class FittingFooter(Footer):
    """A compact ``Footer`` that keeps its most important keys when space runs out."""

    _fitted_width = 0

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        if keys:  # none before the screen's bindings are ready
            self._relabel(keys)
        self._fitted_width = self.app.size.width
        kept = set(map(id, fit(keys, self._fitted_width)))
        yield from (w for w in widgets if not isinstance(w, FooterKey) or id(w) in kept)

    def on_resize(self, event: Resize) -> None:
        if event.size.width and event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)

    def _relabel(self, keys: list[FooterKey]) -> None:
        """Each key's label in the language in use, found by its binding's id."""
        ids = {
            b.action: b.id
            for _node, b, _enabled, _tooltip in self.screen.active_bindings.values()
            if b.id
        }
        for key in keys:
            if key.has_class("-command-palette"):
                key.description = i18n.t("tui.palette.label")
                continue
            binding_id = ids.get(key.action)
            if binding_id is None:
                continue
            try:
                key.description = by_id(binding_id).label
            except KeyError:  # a binding of Textual's own
                continue
