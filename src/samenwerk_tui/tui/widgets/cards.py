"""A column of cards with one under the cursor: the conflicts to settle, the fields that
clashed on a save. Both screens move and mark the current card the same way."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget


def mark_current(cards: Sequence[Widget], current: int) -> None:
    """Mark the card under the cursor (class ``-current``) and bring it into view."""
    for i, card in enumerate(cards):
        card.set_class(i == current, "-current")
    if cards:
        cards[current].scroll_visible(animate=False)


def moved(current: int, step: int, count: int) -> int:
    """The cursor ``step`` cards on, kept on the cards."""
    return max(0, min(current + step, count - 1))
