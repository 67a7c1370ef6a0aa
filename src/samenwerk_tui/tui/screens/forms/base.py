"""What every form shares: a modal box of labelled fields, ``ctrl+s`` saves, ``escape`` cancels.

A form knows how to show and read its fields; what to save is its opener's business. On
``ctrl+s`` it reads its fields into a frozen dataclass (a value the user typed that breaks
a rule of the model is shown in the form at once) and posts its ``Submitted`` message to
the screen it was opened over. That screen decides what to save and hands it back:

- :meth:`FormScreen.save_edit` (``action``, a pure edit of the partnership) for a form
  opened on an existing partnership. The form keeps the record it opened with as its
  ``base`` and the save is three-way (see :mod:`samenwerk_tui.services.threeway`): only
  what the form changed is merged onto the file as it is now, so a colleague's change
  made while the form was open survives. When a field the form changed was changed
  differently meanwhile, the clash dialog shows both values and the advisor picks per
  field, then the same save runs again. When the partnership was deleted or its file
  broken meanwhile, one sentence says so and the advisor can save what was typed as a
  new partnership or copy it; nothing typed is lost.
- :meth:`FormScreen.save` (one session call) for anything else (a new partnership).
- :meth:`FormScreen.answer` (None, or a sentence) when the opener saved by itself.

Each closes the form on success (and tells what changed) or shows why not in the form,
every field keeping what was typed. ``escape`` on a form whose fields changed asks first.
A new form family gets all of this by deriving from :class:`FormScreen`, opening with the
partnership's record (``super().__init__(state, record)``) and having its opener call
``form.save_edit(...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import normalize_tags
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Base, Change, ClashError, Edit, GoneError, Settled
from samenwerk_tui.services.session import Record, Session
from samenwerk_tui.tui.commands import bindings, by_id, key_for, key_text
from samenwerk_tui.tui.feedback import tell, tell_change
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.detail import type_chip

#: What a form reads from its fields: a frozen dataclass of the form's family.
V = TypeVar("V")


#: One change of the session a form saves (the session is held under the state's lock).
SaveFn = Callable[[Session], Change]


class FormScreen(ModalScreen[bool], Generic[V]):
    """A modal form: ``ctrl+s`` saves, ``escape`` cancels, ``tab`` moves between fields."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("form"))
    title_key = ""

    def __init__(self, state: AppState, record: Record | None = None) -> None:
        """``record``: the partnership the form edits, as it opens (None: a new one)."""
        super().__init__(classes="form-screen")
        self.state = state
        #: The record the form opened with, and how clashes were settled (three-way saves).
        self.base: Base | None = Base(record) if record is not None else None
        self._opening: list[object] = []  # what the fields held when the form opened

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
            # At once (not after a refresh): keys typed right after the form opened go here.
            self.set_focus(focusable[0])
        self._opening = self.contents()

    def contents(self) -> list[object]:
        """What every field holds now, as typed (to tell whether anything changed)."""
        out: list[object] = []
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, Input):
                out.append(widget.value)
            elif isinstance(widget, TextArea):
                out.append(widget.text)
            elif isinstance(widget, Select):
                out.append(widget.value)
        return out

    def has_changes(self) -> bool:
        return self.is_mounted and self.contents() != self._opening

    def typed_text(self) -> str:
        """Every field as ``label: value`` lines: what a copy to the clipboard holds."""
        lines: list[str] = []
        for row in self.query(".form-row"):
            labels = [str(w.render()) for w in row.query(Label)]
            heading = labels[0] if labels else ""
            values: list[str] = []
            for widget in row.query("Input, TextArea, Select"):
                if isinstance(widget, Input) and widget.value:
                    values.append(widget.value)
                elif isinstance(widget, TextArea) and widget.text.strip():
                    values.append(widget.text)
                elif isinstance(widget, Select) and widget.value not in (None, "", Select.NULL):
                    values.append(_option_text(widget))
            if values:
                text = " · ".join(values)
                sep = "\n" if "\n" in text else " "
                lines.append(f"{heading}:{sep}{text}")
        return "\n".join(lines) + "\n"

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content.styled(message, "bold $error"))
        error.display = True

    def checked_values(self) -> V | None:
        """The form's values, or None once the form shows why they cannot be saved."""
        try:
            return self.values()
        except SamenwerkError as exc:
            self.show_error(i18n.text_of(exc))
            return None

    def action_save(self) -> None:
        values = self.checked_values()
        if values is not None:
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

    # ------------------------------------------------------------------ saving

    def save_edit(self, action: str, edit: Edit) -> None:
        """Save ``edit`` of the partnership the form opened on, three-way (see the module).

        ``action`` names the change (``edited``, ``classified``, ``noted``…) for undo and
        the notification; ``edit`` is pure and is also what a "save as new partnership"
        applies after the partnership vanished.
        """
        base = self.base
        if base is None:
            raise ValueError("save_edit needs a form opened on a partnership")
        pid = base.record.id
        self.save(lambda s: s.update(pid, edit, action, base=self.base), keep=edit)

    def save(self, mutate: SaveFn, *, keep: Edit | None = None) -> None:
        """Run one change through the state; close and tell it, or answer in the form.

        ``keep``: the edit to apply to the base when it must be saved as a new partnership.
        """
        from samenwerk_tui.tui.screens.clash import ClashScreen
        from samenwerk_tui.tui.screens.gone import GoneScreen

        try:
            change = self.state.apply(mutate)
        except ClashError as clash:

            def settled(choices: dict[str, Settled] | None) -> None:
                if choices is None:
                    self.show_error(
                        i18n.t("tui.clash.not_saved", key=key_for("form.save", self.state.keymap))
                    )
                elif self.base is not None:
                    self.base = self.base.settling(choices)
                    self.save(mutate, keep=keep)

            self.app.push_screen(ClashScreen(self.state, clash), settled)
            return
        except GoneError as gone:
            self.show_error(i18n.text_of(gone))
            can_keep = keep is not None and self.base is not None
            screen = GoneScreen(gone, can_keep, self.state.keymap)
            self.app.push_screen(screen, lambda how: self._gone(how, keep))
            return
        except SamenwerkError as exc:
            self.show_error(i18n.text_of(exc))
            return
        self.dismiss(True)
        tell_change(self.app, change, self.state.keymap)

    def _gone(self, how: str | None, keep: Edit | None) -> None:
        """The partnership vanished: save what was typed anew, copy it, or go back."""
        base = self.base
        if how == "new" and keep is not None and base is not None:
            self.save(lambda s: s.recreate(base, keep))
        elif how == "copy":
            self.app.copy_to_clipboard(self.typed_text())
            tell(self.app, i18n.t("tui.gone.copied"))

    def action_cancel(self) -> None:
        """Escape: close; if a field changed, ask before the typing is thrown away."""
        if not self.has_changes():
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        question = Content(i18n.t("tui.discard.question"))
        self.app.push_screen(ConfirmScreen(question, i18n.t("tui.discard.yes")), answered)


def _option_text(select: Select[Any]) -> str:
    """What a Select shows, as plain text (types and stages by their names)."""
    value = select.value
    if isinstance(value, Stage):
        return i18n.stage_name(value.value)
    if isinstance(value, str) and value in {t.value for t in AgreementType}:
        return i18n.type_name(value)
    return str(value)


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


def text_input(
    value: str, widget_id: str, *, select_on_focus: bool = False, **kwargs: Any
) -> Input:
    """A one-line field; ``select_on_focus``: typing replaces what it holds (a score)."""
    return Input(value, id=widget_id, compact=True, select_on_focus=select_on_focus, **kwargs)


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
