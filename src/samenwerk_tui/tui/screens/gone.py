"""A form's partnership was deleted or broken outside while the form was open.

One sentence says what happened; nothing was saved and the form keeps what was typed.
``n`` saves it as a new partnership (the partnership as the form opened it, with the
form's changes, under a new id and file), ``c`` copies the form's text to the clipboard,
``escape`` goes back to the form. Dismisses with ``"new"``, ``"copy"`` or ``"back"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.services.changes import GoneError
from samenwerk_tui.tui.commands import bindings, commands, key_text
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS


class GoneScreen(ModalScreen[str]):
    """What happened to the partnership, and what to do with what was typed."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("gone"))

    def __init__(self, gone: GoneError, can_keep: bool, keymap: Mapping[str, str]) -> None:
        super().__init__(classes="confirm-screen")
        self.gone = gone
        self.can_keep = can_keep
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        key = "tui.gone.broken" if self.gone.broken else "tui.gone.deleted"
        before, _, after = i18n.t(key).partition("{name}")
        sentence = Content(before) + content(self.gone.name, "bold") + Content(after)
        with Vertical(classes="confirm-box"):
            yield Static(sentence, classes="confirm-question")
            keys = [
                f"{key_text(c, self.keymap)} {c.label}"
                for c in commands("gone")
                if c.id != "gone.new" or self.can_keep
            ]
            yield Static(Content.styled(" · ".join(keys), "$text-muted"), classes="confirm-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == ("new",):
            return self.can_keep
        return True

    def action_answer(self, how: str) -> None:
        self.dismiss(how)
