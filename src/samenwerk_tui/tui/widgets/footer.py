"""The footer, fitted to the width and in the language in use.

Textual's ``Footer`` lays its keys out in a row and cuts off whatever does not fit, which
at 80 columns was ``q quit`` once undo, sync and resolve all showed. This footer shows the
same active bindings (with the user's keymap applied, as Textual applies it) but leaves
out, before they are laid out, the entries the command table ranks lowest (the rightmost
of a rank first) until the rest fit. Each label and tooltip is read from the catalog by
binding id at every draw, so switching the language redraws the footer in the new one.
Every key is clickable (a click presses it).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import COMMANDS, KEEP, footer_rank, help_of, label_of

#: Cells a compact key takes beyond its key and label: the space between, the margin.
_KEY_EXTRA = 2
#: The palette key docked right: a border, a space and padding.
_PALETTE_EXTRA = 3
#: The action of Textual's command palette binding.
_PALETTE_ACTION = "command_palette"


_PLACES = {command.id: index for index, command in enumerate(COMMANDS)}


def place(command_id: str | None) -> int:
    """Where a binding id stands in the command table (others after ours, in order)."""
    return _PLACES.get(command_id or "", len(COMMANDS))


def key_width(key: FooterKey) -> int:
    """Cells one compact footer key takes, margin included."""
    width = cell_len(key.key_display)
    if key.description:
        width += cell_len(key.description)
    return width + (_PALETTE_EXTRA if key.has_class("-command-palette") else _KEY_EXTRA)


def fit(keys: list[tuple[FooterKey, int]], width: int) -> list[FooterKey]:
    """The keys (with their ranks) that fit in ``width`` cells, lowest ranks out first."""
    kept = list(keys)
    # The last key needs no margin after it.
    while kept and sum(key_width(k) for k, _ in kept) - 1 > width:
        droppable = [(k, rank) for k, rank in kept if rank < KEEP]
        if not droppable:
            break
        lowest = min(rank for _, rank in droppable)
        victim = [item for item in droppable if item[1] == lowest][-1]
        kept.remove(victim)
    return [k for k, _ in kept]


class FittingFooter(Footer):
    """A compact ``Footer`` that keeps its most important keys when space runs out.

    Textual's footer recomposes (new widgets, styles, layout) whenever the screen's
    bindings may have changed, which the main screen says at every move of the cursor;
    this one recomposes only when what it would show did change (a key, a label, a key
    enabled or not, the language), so moving through the list stays cheap.
    """

    _fitted_width = 0
    _shown: tuple[object, ...] | None = None
    _check_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            # What it would show is worked out once after the next refresh, however often
            # the bindings changed before it (three times before the first paint, where
            # asking costs some 0.3 ms each and the footer is still empty).
            self._bindings_ready = True
            if not self._check_pending:
                self._check_pending = True
                self.call_after_refresh(self._check_shown)
            return
        super().bindings_changed(screen)

    async def _check_shown(self) -> None:
        self._check_pending = False
        if not self.is_attached or not self.app.app_focus:
            return
        shown = self._what_it_shows(self.screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    @staticmethod
    def _what_it_shows(screen: Screen[object]) -> tuple[object, ...]:
        keys = tuple(
            (binding.key, binding.action, binding.id, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
        )
        return (i18n.language(), keys)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        # In the command table's order: a key rebound in the keymap keeps its place
        # (Textual puts rebound keys last, where the narrow footer would drop them first).
        keys = sorted(self._keys(), key=lambda item: item[2])
        self._fitted_width = self.app.size.width
        yield from fit([(key, rank) for key, rank, _ in keys], self._fitted_width)

    def _keys(self) -> Iterator[tuple[FooterKey, int, int]]:
        """One key per action of the screen's active bindings, then the palette's: each
        with its footer rank and its place in the command table."""
        seen: set[str] = set()
        palette: tuple[Binding, bool] | None = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.action == _PALETTE_ACTION:
                palette = (binding, enabled)
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label_of(binding.id, binding.description),
                binding.action,
                disabled=not enabled,
                tooltip=help_of(binding.id, tooltip or binding.tooltip),
            ).data_bind(compact=Footer.compact)
            yield key, footer_rank(binding.id), place(binding.id)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            binding, enabled = palette
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label_of(binding.id, binding.description),
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=help_of(binding.id, binding.tooltip),
            )
            yield key, KEEP, len(COMMANDS)

    def on_resize(self, event: Resize) -> None:
        if event.size.width and event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)
