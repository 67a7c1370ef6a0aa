"""A yes/no question before something that deletes (``y`` confirms, ``n``/``escape`` not)."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS


def question(key: str, field: str, value: str, /, **params: str) -> Content:
    """The sentence ``key`` with the user's ``value`` in bold where ``{field}`` stands
    (a name or a path is data: never parsed as markup); ``params`` fill in the rest."""
    placeholder = "{" + field + "}"
    before, _, after = i18n.t(key, **{field: placeholder}, **params).partition(placeholder)
    return Content(before) + content(value, "bold") + Content(after)


class ConfirmScreen(ModalScreen[bool]):
    """Asks one question; dismisses with True only on an explicit yes."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", i18n.t("tui.confirm.yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", i18n.t("tui.confirm.no"), id="confirm.no"),
    ]

    def __init__(self, question: Content, yes_label: str) -> None:
        super().__init__(classes="confirm-screen")
        self.question = question
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            yield Static(self.question, classes="confirm-question")
            yield Static(
                Content.styled(i18n.t("tui.confirm.keys", yes=self.yes_label), "$text-muted"),
                classes="confirm-keys",
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
