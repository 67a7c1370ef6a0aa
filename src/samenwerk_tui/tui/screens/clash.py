"""A form's save met a field changed differently meanwhile: both values, the advisor picks.

Opened by a form (:mod:`.forms.base`) when the session refused its save with a
:class:`~samenwerk_tui.services.changes.ClashError`. Each field shows the form's value
(yours) and the one on disk now (theirs); for each the advisor keeps theirs, keeps yours,
or keeps yours and records the conflict as a git merge would (the default: nothing is
lost and ``r`` settles it later). ``ctrl+s`` hands the choices back to the form, which saves
again; ``escape`` goes back to the form with nothing saved.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Conflict
from samenwerk_tui.services.changes import ClashError, Settled
from samenwerk_tui.tui.commands import bindings, commands, key_for, key_text
from samenwerk_tui.tui.fields import both_sides, field_label
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.cards import mark_current, moved

#: The choices, in the order the card lists them.
CHOICES = ("ours", "theirs", "record")


class ClashCard(Static):
    """One field: yours, theirs, and what will be saved."""

    def __init__(self, clash: Conflict, number: int, total: int, resolve_key: str) -> None:
        super().__init__(classes="conflict-card")
        self.clash = clash
        self.resolve_key = resolve_key  # "settle later with r": the key in effect
        self.choice = "record"
        self.border_title = Content(f"{number}/{total} · ") + content(field_label(clash.field))

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        c = self.clash
        rows = [
            *both_sides(
                c.field,
                c.ours,
                c.theirs,
                ours_title=i18n.t("tui.clash.ours"),
                theirs_title=i18n.t("tui.clash.theirs"),
            ),
            Content.styled(
                "→ " + i18n.t(f"tui.clash.choice_{self.choice}", key=self.resolve_key),
                "bold $accent",
            ),
        ]
        self.update(Content("\n").join(rows))


class ClashScreen(ModalScreen[dict[str, Settled] | None]):
    """The fields of one save that clash; dismisses with the choices, or None (back)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("clash"))

    def __init__(self, state: AppState, clash: ClashError) -> None:
        super().__init__(classes="resolve-screen")
        self.state = state
        self.clash = clash
        self.current = 0

    def compose(self) -> ComposeResult:
        clashes = self.clash.clashes
        with Vertical(classes="resolve-box clash-box") as box:
            box.border_title = Content(i18n.t("tui.clash.title") + ": ") + content(
                str(self.clash.params.get("name", ""))
            )
            intro = i18n.t("tui.clash.intro", count=len(clashes))
            yield Static(Content.styled(intro, "$text-muted"), classes="resolve-intro")
            with VerticalScroll(id="conflicts"):
                for i, clash in enumerate(clashes):
                    resolve = key_for("main.resolve", self.state.keymap)
                    yield ClashCard(clash, i + 1, len(clashes), resolve)
            yield Static(self.hint(), classes="resolve-hint")

    def hint(self) -> Content:
        keymap = self.state.keymap
        parts = [
            f"{key_text(c, keymap)} {c.label}"
            for c in commands("clash")
            if c.footer or c.id == "clash.next"
        ]
        return Content.styled(" · ".join(parts), "$text-muted")

    def on_mount(self) -> None:
        self._mark_current()

    def cards(self) -> list[ClashCard]:
        return list(self.query(ClashCard))

    def _mark_current(self) -> None:
        mark_current(self.cards(), self.current)

    def action_move(self, step: int) -> None:
        cards = self.cards()
        if cards:
            self.current = moved(self.current, step, len(cards))
            self._mark_current()

    def action_choose(self, choice: str) -> None:
        """Choose for the current field, then move on to the next one."""
        cards = self.cards()
        if choice in CHOICES and cards:
            cards[self.current].choice = choice
            cards[self.current].show()
            self.action_move(1)

    def action_save(self) -> None:
        self.dismiss(
            {card.clash.field: Settled(card.choice, card.clash.theirs) for card in self.cards()}
        )

    def action_back(self) -> None:
        self.dismiss(None)
