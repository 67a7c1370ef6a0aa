"""What every form shares: a modal box of labelled fields, ``ctrl+s`` saves, ``escape`` cancels.

A form knows how to show and read its fields, nothing about saving. On ``ctrl+s`` it reads
its fields into a frozen dataclass (a value the user typed that breaks a rule of the
model is shown in the form at once) and posts its ``Submitted`` message to the screen it
was opened over. That screen saves through the session and answers with
:meth:`FormScreen.answer`: None closes the form, a sentence is shown in it and every
field keeps what was typed, so the user can correct it or save again a moment later.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import normalize_tags
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.tui.commands import bindings, by_id, key_text
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.detail import type_chip

#: What a form reads from its fields: a frozen dataclass of the form's family.
V = TypeVar("V")


class FormScreen(ModalScreen[bool], Generic[V]):
    """A modal form: ``ctrl+s`` saves, ``escape`` cancels, ``tab`` moves between fields."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("form"))
    title_key = ""

    def __init__(self, state: AppState) -> None:
        super().__init__(classes="form-screen")
        self.state = state

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = self.form_title()
            with VerticalScroll(classes="form-fields"):
                for label, field in self.fields():
                    yield Horizontal(label, field, classes="form-row")
            yield Static(classes="form-error", id="form-error")
            yield Static(self.hint(), classes="form-hint")

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key))

    def hint(self) -> Content:
        keymap = self.state.keymap
        return Content.styled(
            i18n.t(
                "tui.form.hint",
                save=key_text(by_id("form.save"), keymap),
                cancel=key_text(by_id("form.cancel"), keymap),
            ),
            "$text-muted",
        )

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        """(label, field) pairs, one row each."""
        raise NotImplementedError

    def values(self) -> V:
        """What the fields hold now; raises a ``SamenwerkError`` for a value no model takes."""
        raise NotImplementedError

    def submitted(self, values: V) -> Message:
        """This form's ``Submitted`` message carrying ``values``."""
        raise NotImplementedError

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = self.state.blink
        for area in self.query(TextArea):
            area.cursor_blink = self.state.blink
        focusable = [w for w in self.query("Input, TextArea, Select") if w.focusable]
        if focusable:
            focusable[0].focus()

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content.styled(message, "bold $error"))
        error.display = True

    def action_save(self) -> None:
        try:
            values = self.values()
        except SamenwerkError as exc:
            self.show_error(i18n.text_of(exc))
            return
        self.opener().post_message(self.submitted(values))

    def opener(self) -> Screen[Any]:
        """The screen this form was opened over: it handles the ``Submitted`` message."""
        stack = self.app.screen_stack
        return stack[stack.index(self) - 1]

    def answer(self, error: str | None) -> None:
        """The opener's answer to ``Submitted``: saved (None) closes, a sentence is shown."""
        if error is None:
            self.dismiss(True)
        else:
            self.show_error(error)

    def action_cancel(self) -> None:
        self.dismiss(False)


def split_tags(text: str) -> tuple[str, ...]:
    """Tags as typed (spaces or commas between them), normalised."""
    return normalize_tags(text.replace(",", " ").split())


def chosen_type(value: object) -> AgreementType | None:
    """The type a type Select shows; its "none" option has the value ``""``."""
    return AgreementType(value) if isinstance(value, str) and value else None


def type_options(none_label: str) -> list[tuple[Content, str]]:
    """The options of a type Select: none, then the four types with their chips."""
    options = [(Content(none_label), "")]
    for t in AgreementType:
        options.append((type_chip(t) + Content(" " + i18n.type_name(t.value)), t.value))
    return options


def label(key: str) -> Label:
    return Label(Content(i18n.t(key)), classes="form-label")


def text_input(value: str, widget_id: str, **kwargs: Any) -> Input:
    return Input(value, id=widget_id, compact=True, select_on_focus=False, **kwargs)


def text_area(text: str, widget_id: str, classes: str = "", placeholder: str = "") -> TextArea:
    return TextArea(
        text,
        id=widget_id,
        soft_wrap=True,
        tab_behavior="focus",
        compact=True,
        classes=classes,
        placeholder=placeholder,
    )
